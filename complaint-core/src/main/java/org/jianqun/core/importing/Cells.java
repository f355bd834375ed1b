package org.jianqun.core.importing;

/** Reads one cell of a row, recording a problem that names the line and column when it is wrong. */
final class Cells {
    private Cells() {
    }

    static String required(CsvTable.Row row, String column, int maxLength, ImportProblems problems) {
        String value = row.get(column);
        if (value.isEmpty()) {
            problems.add(row.line(), column, "必须填写");
            return null;
        }
        return withinLength(row, column, value, maxLength, problems);
    }

    static String optional(CsvTable.Row row, String column, int maxLength, ImportProblems problems) {
        String value = row.get(column);
        return value.isEmpty() ? "" : withinLength(row, column, value, maxLength, problems);
    }

    private static String withinLength(CsvTable.Row row, String column, String value, int maxLength, ImportProblems problems) {
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            problems.add(row.line(), column, "有 " + length + " 个字符，最多 " + maxLength + " 个");
            return null;
        }
        return value;
    }
}
