package org.jianqun.core.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.XlsxFiles.xlsx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Uploaded files as Excel and WPS save them: CSV in UTF-8 or GB18030, and .xlsx, bounded. */
class TableReaderTest {
    private static final String TEXT = "code,name,level,parent_code\n3599,示范市,city,\n359901,清源县,county,3599\n";

    private static TableFile read(byte[] bytes, Optional<TableFormat> declared) {
        TableReading reading = TableReader.read(bytes, declared, TableLimits.UPLOAD);
        assertThat(reading).as("%s", reading).isInstanceOf(TableReading.Read.class);
        return ((TableReading.Read) reading).file();
    }

    private static ImportProblem refused(byte[] bytes, TableFormat format, TableLimits limits) {
        TableReading reading = TableReader.read(bytes, format, limits);
        assertThat(reading).as("%s", reading).isInstanceOf(TableReading.Unreadable.class);
        return ((TableReading.Unreadable) reading).problems().get(0);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void utf8WithAndWithoutTheBomReadsAsUtf8() {
        TableFile plain = read(TEXT.getBytes(StandardCharsets.UTF_8), Optional.empty());
        TableFile bom = read(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, TEXT.getBytes(StandardCharsets.UTF_8)), Optional.of(TableFormat.CSV));
        for (TableFile file : List.of(plain, bom)) {
            assertThat(file.readAs()).isEqualTo("csv UTF-8");
            assertThat(file.rows()).containsExactly(new TableRow(1, List.of("code", "name", "level", "parent_code")),
                    new TableRow(2, List.of("3599", "示范市", "city", "")), new TableRow(3, List.of("359901", "清源县", "county", "3599")));
        }
    }

    @Test
    void excelsPlainCsvOnAChineseWindowsReadsAsGb18030() {
        TableFile gbk = read(TEXT.getBytes(Charset.forName("GBK")), Optional.of(TableFormat.CSV));
        assertThat(gbk.encoding()).contains(TextEncoding.GB18030);
        assertThat(gbk.readAs()).isEqualTo("csv GB18030");
        assertThat(gbk.rows().get(2).cells()).containsExactly("359901", "清源县", "county", "3599");
        // Beyond GBK: a rare name character only GB18030 (four bytes) has.
        TableFile rare = read("name\n𠀾村\n".getBytes(Charset.forName("GB18030")), Optional.empty());
        assertThat(rare.rows().get(1).cells()).containsExactly("𠀾村");
    }

    @Test
    void aBrokenByteInAGb18030FileNamesItsLine() {
        byte[] broken = concat("code,name,level,parent_code\n3599,示范市,city,\n359901,清".getBytes(Charset.forName("GBK")),
                new byte[] {(byte) 0x80}, "县,county,3599\n".getBytes(Charset.forName("GBK")));
        ImportProblem problem = refused(broken, TableFormat.CSV, TableLimits.UPLOAD);
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).contains("第 3 行", "GB18030", "CSV UTF-8");
    }

    @Test
    void aUtf8FileWithABrokenByteIsNotMisreadAsGb18030() {
        byte[] broken = concat("code,name,level,parent_code\n3599,示范市,city,\n359901,清".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3}, "县,county,3599\n".getBytes(StandardCharsets.UTF_8));
        ImportProblem problem = refused(broken, TableFormat.CSV, TableLimits.UPLOAD);
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).contains("不是 UTF-8").doesNotContain("GB18030");
    }

    @Test
    void aWorkbookReadsItsFirstSheetWithExcelsRowNumbersAndCodesAsDigits() {
        byte[] book = xlsx(new Object[] {"code", "name", "level", "parent_code"},
                new Object[] {3599, "示范市", "city"},
                null,
                new Object[] {359901100201L, "东岭村", "village", "359901100"},
                new Object[] {"", "  ", null},
                new Object[] {"359901", null, "county", 3599, null, ""});
        TableFile file = read(book, Optional.of(TableFormat.XLSX));
        assertThat(file.readAs()).isEqualTo("xlsx");
        assertThat(file.rows()).containsExactly(
                new TableRow(1, List.of("code", "name", "level", "parent_code")),
                new TableRow(2, List.of("3599", "示范市", "city")),
                new TableRow(4, List.of("359901100201", "东岭村", "village", "359901100")),
                new TableRow(6, List.of("359901", "", "county", "3599")));
        assertThat(read(book, Optional.of(TableFormat.CSV)).format()).as("the bytes say it is a workbook").isEqualTo(TableFormat.XLSX);
    }

    @Test
    void aWorkbookIsBoundedInRowsColumnsAndCells() {
        TableLimits small = new TableLimits(1024 * 1024, 16 * 1024 * 1024, 100, 2, 3, 10);
        assertThat(refused(xlsx(new Object[] {"a"}, new Object[] {"b"}, new Object[] {"c"}), TableFormat.XLSX, small))
                .satisfies(p -> assertThat(p.line()).isEqualTo(3)).satisfies(p -> assertThat(p.message()).contains("2 行"));
        assertThat(refused(xlsx(new Object[] {"a", "b", "c", "d"}), TableFormat.XLSX, small).message()).contains("D1", "3 列");
        assertThat(refused(xlsx(new Object[] {"a"}, new Object[] {"01234567890"}), TableFormat.XLSX, small))
                .satisfies(p -> assertThat(p.line()).isEqualTo(2)).satisfies(p -> assertThat(p.message()).contains("10 个字符"));
        assertThat(refused(TEXT.getBytes(StandardCharsets.UTF_8), TableFormat.CSV, new TableLimits(10, 10, 1, 1, 1, 1)).message())
                .contains("超过上限");
    }

    @Test
    void aZipBombIsRefusedBeforePoiOpensIt() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 40; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThat(zipped.size()).as("a small upload").isLessThan(100 * 1024);
        TableLimits limits = new TableLimits(1024 * 1024, 32L * 1024 * 1024, 100, 1000, 64, 100);
        ImportProblem problem = refused(zipped.toByteArray(), TableFormat.XLSX, limits);
        assertThat(problem.message()).contains("解压后超过 32 MB");
    }

    @Test
    void whatIsNoWorkbookSaysWhatToDo() {
        assertThat(refused(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0}, TableFormat.XLSX, TableLimits.UPLOAD).message())
                .contains("旧的 .xls", "另存为 .xlsx");
        assertThat(refused(TEXT.getBytes(StandardCharsets.UTF_8), TableFormat.XLSX, TableLimits.UPLOAD).message()).contains("不是 .xlsx", "text/csv");
    }

    @Test
    void formatsAreToldByBytesThenByNameOrType() {
        assertThat(TableFormat.ofFileName("人员.XLSX")).contains(TableFormat.XLSX);
        assertThat(TableFormat.ofFileName("people.csv")).contains(TableFormat.CSV);
        assertThat(TableFormat.ofFileName("people.txt")).isEmpty();
        assertThat(TableFormat.ofMediaType("text/csv; charset=GBK")).contains(TableFormat.CSV);
        assertThat(TableFormat.ofMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).contains(TableFormat.XLSX);
        assertThat(TableFormat.ofMediaType("application/json")).isEmpty();
        assertThat(TableFormat.detect(xlsx(new Object[] {"a"}), Optional.empty())).isEqualTo(TableFormat.XLSX);
        assertThat(TableFormat.detect(TEXT.getBytes(StandardCharsets.UTF_8), Optional.empty())).isEqualTo(TableFormat.CSV);
    }
}
