package org.jianqun.core.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An uploaded table as the importers see it ({@link TableReader} read the file: CSV in UTF-8 or GB18030, or
 * .xlsx): a header row naming exactly the kind's columns in any order, then rows that know their own line
 * number. This class adds the header and width checks.
 */
final class CsvTable {
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

    /** Reads the bytes as CSV, or records why they cannot be read in {@code problems} and returns null. */
    static CsvTable parse(byte[] bytes, List<String> columns, List<String> optional, ImportProblems problems) {
        TableReading reading = TableReader.read(bytes, TableFormat.CSV, TableLimits.OPERATOR);
        if (reading instanceof TableReading.Unreadable unreadable) {
            unreadable.problems().forEach(p -> problems.add(p.line(), p.field(), p.message()));
            return null;
        }
        return of(((TableReading.Read) reading).file(), columns, optional, problems);
    }

    /** Checks the header and the rows' widths, or records what is wrong in {@code problems} and returns null. */
    static CsvTable of(TableFile file, List<String> columns, List<String> optional, ImportProblems problems) {
        if (file.rows().isEmpty()) {
            problems.add(1, "", "文件是空的；第一行须写出列名 " + String.join(",", columns));
            return null;
        }
        TableRow first = file.rows().get(0);
        List<String> header = readHeader(first, columns, optional, problems);
        if (header == null) {
            return null;
        }
        // A worksheet leaves trailing empty cells out; a CSV line has exactly the header's fields.
        boolean padded = file.format() == TableFormat.XLSX;
        List<Row> rows = new ArrayList<>();
        for (TableRow row : file.rows().subList(1, file.rows().size())) {
            int size = row.cells().size();
            if (size > header.size() || (size < header.size() && !padded)) {
                problems.add(row.line(), "", "有 " + size + " 个字段；表头有 " + header.size() + " 个");
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                cells.put(header.get(i), i < size ? row.cells().get(i).strip() : "");
            }
            rows.add(new Row(row.line(), cells));
        }
        return new CsvTable(rows);
    }

    private static List<String> readHeader(TableRow first, List<String> columns, List<String> optional, ImportProblems problems) {
        List<String> header = new ArrayList<>();
        boolean bad = false;
        for (String raw : first.cells()) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (!columns.contains(name) && !optional.contains(name)) {
                problems.add(first.line(), raw, "未知的列“" + raw + "”；列应为 " + String.join(",", columns)
                        + (optional.isEmpty() ? "" : "，另可有 " + String.join(",", optional)));
                bad = true;
            } else if (header.contains(name)) {
                problems.add(first.line(), name, "列“" + name + "”出现了两次");
                bad = true;
            }
            header.add(name);
        }
        for (String column : columns) {
            if (!header.contains(column)) {
                problems.add(first.line(), column, "缺少列“" + column + "”");
                bad = true;
            }
        }
        return bad ? null : header;
    }
}
