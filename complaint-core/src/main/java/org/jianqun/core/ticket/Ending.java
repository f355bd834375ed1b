package org.jianqun.core.ticket;

import java.time.Instant;
import java.util.Objects;

/** How a ticket in a final state ended. */
public sealed interface Ending {
    Instant at();

    record Closed(Closure closure, Instant at) implements Ending {
        public Closed {
            Objects.requireNonNull(closure, "closure");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A duplicate, merged into ticket {@code into}. */
    record Merged(long into, Instant at) implements Ending {
        public Merged {
            Objects.requireNonNull(at, "at");
        }
    }

    record Rejected(String reason, Instant at) implements Ending {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }
}
