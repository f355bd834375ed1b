package org.jianqun.core.importing;

import java.util.List;
import java.util.Optional;

/**
 * A table read from an uploaded file: its format, the text encoding it was read in (CSV only: a workbook's
 * XML says its own), and its non-empty rows, the header first.
 */
public record TableFile(TableFormat format, Optional<TextEncoding> encoding, List<TableRow> rows) {
    public TableFile {
        rows = List.copyOf(rows);
        if (format == TableFormat.CSV && encoding.isEmpty()) {
            throw new IllegalArgumentException("a CSV file is read in some encoding");
        }
    }

    /** How the file was read, for the answer: {@code csv UTF-8}, {@code csv GB18030} or {@code xlsx}. */
    public String readAs() {
        return format.wireName() + encoding.map(e -> " " + e.label()).orElse("");
    }
}
