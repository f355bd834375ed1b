package org.jianqun.core.importing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an uploaded file into rows, whatever the spreadsheet program saved: CSV in UTF-8 (with or without
 * a BOM) or, when the bytes are not UTF-8 but decode cleanly as GB18030, in GB18030 (Excel's plain "CSV" on
 * a Chinese Windows); or an Excel workbook (.xlsx, its first sheet, streamed). Bounded by {@link TableLimits}.
 * The imports and the disclosure uploads share it; what the columns mean is theirs.
 */
public final class TableReader {
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    private TableReader() {
    }

    /** Reads the bytes as the format they are (see {@link TableFormat#detect}), CSV unless told or shown otherwise. */
    public static TableReading read(byte[] bytes, Optional<TableFormat> declared, TableLimits limits) {
        return read(bytes, TableFormat.detect(bytes, declared), limits);
    }

    public static TableReading read(byte[] bytes, TableFormat format, TableLimits limits) {
        if (bytes.length > limits.maxBytes()) {
            return unreadable(format, 1, "文件有 " + megabytes(bytes.length) + "，超过上限 " + megabytes(limits.maxBytes()) + "；请按县分开导入");
        }
        return switch (format) {
            case CSV -> readCsv(bytes, limits);
            case XLSX -> XlsxSheet.read(bytes, limits);
        };
    }

    static TableReading unreadable(TableFormat format, int line, String message) {
        return new TableReading.Unreadable(format, List.of(new ImportProblem(line, "", message)));
    }

    private static String megabytes(long bytes) {
        return (bytes + 1024 * 1024 - 1) / (1024 * 1024) + " MB";
    }

    private static TableReading readCsv(byte[] bytes, TableLimits limits) {
        int bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        Decoded utf8 = decode(bytes, bom, TextEncoding.UTF_8);
        Decoded text = utf8;
        if (utf8.text == null && bom == 0 && !damagedUtf8(utf8)) {
            Decoded gb = decode(bytes, 0, TextEncoding.GB18030);
            // A file that is neither: report where the likelier reading broke (the one that got further).
            text = gb.text != null || gb.failedAt >= utf8.failedAt ? gb : utf8;
        }
        if (text.text == null) {
            int line = lineOfByte(bytes, text.failedAt);
            String where = "第 " + line + " 行（文件第 " + (text.failedAt + 1) + " 字节）";
            String message = text.encoding == TextEncoding.UTF_8
                    ? where + "有不是 UTF-8 的字节；请检查这一行，或在 Excel 中另存为“CSV UTF-8（逗号分隔）”"
                    : where + "有无法按 GB18030（GBK）读出的字节：文件不是 UTF-8，按 GB18030 读到这里出错；"
                            + "请检查这一行，或在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx";
            return unreadable(TableFormat.CSV, line, message);
        }
        int[] lineStarts = lineStarts(text.text);
        List<TableRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text.text)).setFormat(CSV).get()) {
            for (CSVRecord record : parser) {
                int line = lineOf(lineStarts, record.getCharacterPosition());
                if (rows.size() == limits.maxRows()) {
                    return unreadable(TableFormat.CSV, line, "超过 " + limits.maxRows() + " 行的上限；请分开导入");
                }
                if (record.size() > limits.maxColumns()) {
                    return unreadable(TableFormat.CSV, line, "有 " + record.size() + " 列，超过 " + limits.maxColumns() + " 列的上限");
                }
                List<String> cells = record.toList();
                for (String cell : cells) {
                    if (cell.length() > limits.maxCellChars()) {
                        return unreadable(TableFormat.CSV, line, "有一格超过 " + limits.maxCellChars() + " 个字符的上限");
                    }
                }
                rows.add(new TableRow(line, cells));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return unreadable(TableFormat.CSV, lineOf(lineStarts, 0), "不是有效的 CSV：" + e.getMessage());
        }
        return new TableReading.Read(new TableFile(TableFormat.CSV, Optional.of(text.encoding), rows));
    }

    /** The text, or null, the offset of the first byte the encoding refuses and how many wide characters came before it. */
    private record Decoded(TextEncoding encoding, String text, int failedAt, int wideBefore) {
    }

    /**
     * Rule: a file that breaks as UTF-8 only after some Chinese read cleanly as UTF-8 is a UTF-8 file with a
     * broken byte, not GB18030 (GB18030 would decode most such bytes, as nonsense). A GBK file fails UTF-8 on
     * its first Chinese characters, so it rarely shows two three-byte UTF-8 characters before.
     */
    private static boolean damagedUtf8(Decoded utf8) {
        return utf8.wideBefore >= 2;
    }

    private static Decoded decode(byte[] bytes, int start, TextEncoding encoding) {
        CharsetDecoder decoder = encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        if (result.isError()) {
            int wide = 0;
            for (int i = 0; i < out.length(); i++) {
                if (out.charAt(i) >= 0x800) {
                    wide++;
                }
            }
            return new Decoded(encoding, null, in.position(), wide);
        }
        return new Decoded(encoding, out.toString(), -1, 0);
    }

    /** Line of a byte offset: neither UTF-8 nor GB18030 uses 0x0A inside a character, so counting it is exact. */
    private static int lineOfByte(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private static int lineOf(int[] lineStarts, long charPosition) {
        int i = Arrays.binarySearch(lineStarts, (int) charPosition);
        return (i >= 0 ? i : -i - 2) + 1;
    }
}
