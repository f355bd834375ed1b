package org.jianqun.core.ticket;

import java.time.Instant;
import java.util.Objects;

/** The deadline a live ticket runs against now, as shown by 进度 and tested by warnings and the sweep. */
public sealed interface CurrentDeadline {
    /**
     * @param provisional counted into a year whose holiday notice is not loaded (weekend rule alone): 暂定,
     *                    shown as such everywhere, and recomputed when the year is loaded
     */
    record Running(DeadlineKind kind, Instant due, boolean provisional) implements CurrentDeadline {
        public Running {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(due, "due");
        }

        /** "认领期限 2027-01-04 24:00（暂定…）", as chat replies and notices say it. */
        public String text() {
            return kind.label() + "期限 " + TicketDeadlines.describe(due, provisional);
        }
    }

    /** RESOLVED or final: no handler's clock runs. */
    record NotRunning() implements CurrentDeadline {
    }
}
