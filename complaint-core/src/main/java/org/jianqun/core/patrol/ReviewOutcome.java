package org.jianqun.core.patrol;

import java.util.List;

/** The answer to a review: written to the log, or refused with its rule and the items it is about (nothing written). */
public sealed interface ReviewOutcome {
    record Reviewed(PatrolLog.Entry entry) implements ReviewOutcome {
    }

    record Refused(PatrolRule rule, List<PatrolKey> items, String message) implements ReviewOutcome {
    }
}
