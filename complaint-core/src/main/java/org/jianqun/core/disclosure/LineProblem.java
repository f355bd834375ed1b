package org.jianqun.core.disclosure;

/**
 * One thing wrong in an upload: which part ({@code finance}, {@code invoices}, {@code projects},
 * {@code subsidies}, or the file), which row (1-based within that part; for a sheet, its line) and which
 * column, and what is wrong, in Chinese for the bookkeeper.
 */
public record LineProblem(String part, int row, String column, String message) {
}
