package org.jianqun.core.importing;

/**
 * What an uploaded table may hold, so a hostile or mistaken file costs bounded memory and time: its size,
 * for a workbook what its zip may inflate to and how many parts it may have, and its rows, columns and cells.
 */
public record TableLimits(long maxBytes, long maxInflatedBytes, int maxZipEntries, int maxRows, int maxColumns, int maxCellChars) {
    /** An upload over HTTP: a county's sheets are a few hundred kB; a province is imported county by county. */
    public static final TableLimits UPLOAD = new TableLimits(32L * 1024 * 1024, 256L * 1024 * 1024, 1_000, 1_000_000, 64, 32_767);
    /** The operator's CLI, on their own machine. */
    public static final TableLimits OPERATOR = new TableLimits(512L * 1024 * 1024, 1024L * 1024 * 1024, 1_000, 5_000_000, 64, 32_767);

    public TableLimits {
        if (maxBytes <= 0 || maxInflatedBytes <= 0 || maxZipEntries <= 0 || maxRows <= 0 || maxColumns <= 0 || maxCellChars <= 0) {
            throw new IllegalArgumentException("every table limit is positive");
        }
    }
}
