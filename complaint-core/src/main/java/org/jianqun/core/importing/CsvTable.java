package org.jianqun.core.importing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file as the importers see it: strictly UTF-8 (a UTF-8 BOM, as Excel writes, is dropped), a
 * header row naming exactly the kind's columns in any order, then rows that know their own line
 * number. Parsing is Apache Commons CSV; this class adds the checks and the line numbers.
 */
final class CsvTable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    final List<Row> rows;

    private CsvTable(List<Row> rows) {
        this.rows = rows;
    }

    /** One data row: its 1-based line in the file and its cells by column name. */
    record Row(int line, Map<String, String> cells) {
        String get(String column) {
            return cells.getOrDefault(column, "");
        }
    }

    /** Parses the file, or records why it cannot be parsed in {@code problems} and returns null. */
    static CsvTable parse(byte[] bytes, List<String> columns, List<String> optional, ImportProblems problems) {
        String text = decodeUtf8(bytes, problems);
        if (text == null) {
            return null;
        }
        int[] lineStarts = lineStarts(text);
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
            List<String> header = null;
            for (CSVRecord record : parser) {
                int line = lineOf(lineStarts, record.getCharacterPosition());
                if (header == null) {
                    header = readHeader(record, columns, optional, problems);
                    if (header == null) {
                        return null;
                    }
                    continue;
                }
                if (record.size() != header.size()) {
                    problems.add(line, "", "has " + record.size() + " fields; the header has " + header.size());
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), record.get(i).strip());
                }
                rows.add(new Row(line, cells));
            }
            if (header == null) {
                problems.add(1, "", "the file is empty; the first line must name the columns " + String.join(",", columns));
                return null;
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            problems.add(lineOf(lineStarts, 0), "", "is not valid CSV: " + e.getMessage());
            return null;
        }
        return new CsvTable(rows);
    }

    private static List<String> readHeader(CSVRecord record, List<String> columns, List<String> optional, ImportProblems problems) {
        List<String> header = new ArrayList<>();
        boolean bad = false;
        for (String raw : record) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (!columns.contains(name) && !optional.contains(name)) {
                problems.add(1, raw, "unknown column '" + raw + "'; the columns are " + String.join(",", columns)
                        + (optional.isEmpty() ? "" : ", and optionally " + String.join(",", optional)));
                bad = true;
            } else if (header.contains(name)) {
                problems.add(1, name, "column '" + name + "' appears twice");
                bad = true;
            }
            header.add(name);
        }
        for (String column : columns) {
            if (!header.contains(column)) {
                problems.add(1, column, "missing column '" + column + "'");
                bad = true;
            }
        }
        return bad ? null : header;
    }

    private static String decodeUtf8(byte[] bytes, ImportProblems problems) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = start; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            problems.add(line, "", "is not UTF-8 (byte " + offset + "); save the file as \"CSV UTF-8\"");
            return null;
        }
        try {
            decoder.flush(out);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
        out.flip();
        return out.toString();
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
