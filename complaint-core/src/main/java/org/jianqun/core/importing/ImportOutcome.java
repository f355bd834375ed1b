package org.jianqun.core.importing;

import java.util.List;

/** An import either applied whole or was rejected whole: nothing half-written. */
public sealed interface ImportOutcome {
    record Applied(ImportKind kind, int rows, int inserted, int updated, int unchanged) implements ImportOutcome {
    }

    record Rejected(ImportKind kind, List<ImportProblem> problems) implements ImportOutcome {
    }
}
