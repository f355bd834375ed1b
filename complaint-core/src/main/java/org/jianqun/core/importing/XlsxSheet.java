package org.jianqun.core.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The first worksheet of an .xlsx workbook as rows, read with POI's streaming SAX reader (the sheet is never
 * built as objects). The zip is measured before POI opens it: what it inflates to and how many parts it has
 * are bounded, so a zip bomb is refused before it costs memory.
 */
final class XlsxSheet {
    private XlsxSheet() {
    }

    static TableReading read(byte[] bytes, TableLimits limits) {
        if (TableFormat.ole2(bytes)) {
            return TableReader.unreadable(TableFormat.XLSX, 1, "这是旧的 .xls 文件（或设了密码的工作簿）；请在 Excel 中另存为 .xlsx 或“CSV UTF-8（逗号分隔）”");
        }
        Optional<String> tooBig = measureZip(bytes, limits);
        if (tooBig.isPresent()) {
            return TableReader.unreadable(TableFormat.XLSX, 1, tooBig.get());
        }
        Rows rows = new Rows(limits);
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                return TableReader.unreadable(TableFormat.XLSX, 1, "工作簿里没有工作表");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new PlainNumbers(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (TooLarge e) {
            return TableReader.unreadable(TableFormat.XLSX, e.line, e.getMessage());
        } catch (IOException | SAXException | ParserConfigurationException | OpenXML4JException | RuntimeException e) {
            // POI's own failures (not a workbook, a broken part) are unchecked; the reason is for the operator.
            return TableReader.unreadable(TableFormat.XLSX, 1, "无法作为 .xlsx 工作簿读取（" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : "：" + e.getMessage()) + "）；请在 Excel 中另存为 .xlsx 或“CSV UTF-8（逗号分隔）”");
        }
        return new TableReading.Read(new TableFile(TableFormat.XLSX, Optional.empty(), rows.rows));
    }

    /** Inflates every part once, counting, and stops at the first limit passed. */
    private static Optional<String> measureZip(byte[] bytes, TableLimits limits) {
        long inflated = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > limits.maxZipEntries()) {
                    return Optional.of("工作簿有超过 " + limits.maxZipEntries() + " 个部件，不像是一张表格；拒绝读取");
                }
                for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
                    inflated += n;
                    if (inflated > limits.maxInflatedBytes()) {
                        return Optional.of("工作簿解压后超过 " + limits.maxInflatedBytes() / (1024 * 1024) + " MB（可能是压缩炸弹）；拒绝读取");
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("不是有效的 .xlsx 文件（无法解压：" + e.getMessage() + "）；请在 Excel 中另存为 .xlsx 或“CSV UTF-8（逗号分隔）”");
        }
        if (entries == 0) {
            return Optional.of("不是 .xlsx 文件（不是 zip 压缩包）；CSV 请以 Content-Type: text/csv 上传");
        }
        return Optional.empty();
    }

    /** A limit passed while reading the sheet: stops the SAX parse where it is. */
    private static final class TooLarge extends RuntimeException {
        final int line;

        TooLarge(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /** Collects rows, filling the cells a sheet leaves out, dropping trailing blanks and empty rows. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final TableLimits limits;
        final List<TableRow> rows = new ArrayList<>();
        private List<String> current;
        private int line;

        Rows(TableLimits limits) {
            this.limits = limits;
        }

        @Override
        public void startRow(int rowNum) {
            line = rowNum + 1;
            current = new ArrayList<>();
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? current.size() : new CellReference(reference).getCol();
            if (column >= limits.maxColumns()) {
                if (value == null || value.isBlank()) {
                    return;
                }
                throw new TooLarge(line, "第 " + line + " 行的单元格 " + reference + " 超出 " + limits.maxColumns() + " 列的上限");
            }
            if (value != null && value.length() > limits.maxCellChars()) {
                throw new TooLarge(line, "单元格 " + reference + " 超过 " + limits.maxCellChars() + " 个字符的上限");
            }
            while (current.size() < column) {
                current.add("");
            }
            current.add(value == null ? "" : value);
        }

        @Override
        public void endRow(int rowNum) {
            int end = current.size();
            while (end > 0 && current.get(end - 1).isBlank()) {
                end--;
            }
            if (end == 0) {
                return;
            }
            if (rows.size() == limits.maxRows()) {
                throw new TooLarge(line, "超过 " + limits.maxRows() + " 行的上限；请分开导入");
            }
            rows.add(new TableRow(line, current.subList(0, end)));
        }
    }

    /**
     * Cells as Excel shows them, except whole numbers in the General format: a 12-digit village code typed
     * as a number is shown by Excel (and by POI) as 3.50521E+11, but it is a code, so it reads as its digits.
     */
    private static final class PlainNumbers extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            boolean general = formatIndex == 0 || "General".equalsIgnoreCase(formatString);
            if (general && value == Math.rint(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value);
            }
            return super.formatRawCellContents(value, formatIndex, formatString);
        }
    }
}
