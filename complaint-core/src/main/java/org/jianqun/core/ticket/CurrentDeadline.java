package org.jianqun.core.ticket;

import java.time.Instant;
import java.util.Objects;

/** The deadline a live ticket runs against now, as shown by 进度 and tested by warnings and the sweep. */
public sealed interface CurrentDeadline {
    record Running(DeadlineKind kind, Instant due) implements CurrentDeadline {
        public Running {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(due, "due");
        }
    }

    /** The deadline reaches a year without holiday data: shown with the problem, never guessed. */
    record Unknown(DeadlineKind kind, String problem) implements CurrentDeadline {
        public Unknown {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** RESOLVED or final: no handler's clock runs. */
    record NotRunning() implements CurrentDeadline {
    }
}
