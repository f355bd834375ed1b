package org.jianqun.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Builds .xlsx bodies for import tests, as Excel would save them: one sheet, a row per array; a cell that is a
 * {@link Number} is a numeric cell (a code typed into Excel is one), null leaves the cell out.
 */
public final class XlsxFiles {
    private XlsxFiles() {
    }

    public static byte[] xlsx(Object[]... rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Sheet1");
            for (int r = 0; r < rows.length; r++) {
                if (rows[r] == null) {
                    continue;
                }
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    Object value = rows[r][c];
                    if (value instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSV lines as a sheet of text cells. */
    public static byte[] xlsxOfCsv(String... lines) {
        Object[][] rows = new Object[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            rows[i] = lines[i].split(",", -1);
        }
        return xlsx(rows);
    }
}
