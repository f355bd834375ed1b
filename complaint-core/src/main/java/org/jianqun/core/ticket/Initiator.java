package org.jianqun.core.ticket;

import java.util.Objects;
import org.jianqun.core.access.Actor;

/** Who caused a ticket event: a person, or one of the platform's scheduled jobs. */
public sealed interface Initiator {
    /** For the audit trail and replies. */
    String describe();

    record ByActor(Actor actor) implements Initiator {
        public ByActor {
            Objects.requireNonNull(actor, "actor");
        }

        @Override
        public String describe() {
            return actor.displayName() + " (" + actor.role().wireName() + " #" + actor.personId() + ")";
        }
    }

    /** A scheduled job, such as the deadline sweep. */
    record ByJob(String name) implements Initiator {
        public static final ByJob DEADLINE_SWEEP = new ByJob("deadline-sweep");
        public static final ByJob RATING_FOLLOW_UP = new ByJob("rating-follow-up");
        public static final ByJob HOLIDAY_LOAD = new ByJob("holiday-load");

        public ByJob {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String describe() {
            return "system:" + name;
        }
    }
}
