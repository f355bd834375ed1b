package org.jianqun.core.importing;

import java.util.List;

/** A file read as a table, or why it cannot be (each problem with its line, as the imports report them). */
public sealed interface TableReading {
    record Read(TableFile file) implements TableReading {
    }

    record Unreadable(TableFormat format, List<ImportProblem> problems) implements TableReading {
        public Unreadable {
            problems = List.copyOf(problems);
        }
    }
}
