package org.jianqun.core.importing;

import java.util.List;

/**
 * One row of an uploaded table as it stands in the file: its 1-based line (a CSV line, or the worksheet's
 * row number) and its cells in file order, unchecked.
 */
public record TableRow(int line, List<String> cells) {
    public TableRow {
        cells = List.copyOf(cells);
    }
}
