package org.jianqun.core.clues;

import java.util.Objects;
import java.util.Optional;
import org.jianqun.core.wire.WireWords;

/**
 * Where a clue comes from ({@code {"kind","ref"}} in {@code POST /api/v1/clues}): a ticket (its number), a chat
 * message (its inbox id), a ticket's orange or red warning (the ticket's number) or nothing (by hand). Each patrol
 * item names the origin a clue made from it has, so that the console turns an item into a clue in one step.
 */
public record ClueOrigin(Kind kind, String ref) {
    public enum Kind {
        TICKET, MESSAGE, WARNING, MANUAL;

        public String wireName() {
            return WireWords.of(this);
        }

        public static Optional<Kind> fromWire(String word) {
            return WireWords.parse(Kind.class, word);
        }
    }

    public static final ClueOrigin MANUAL = new ClueOrigin(Kind.MANUAL, null);

    public ClueOrigin {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.MANUAL) != (ref == null)) {
            throw new IllegalArgumentException(kind == Kind.MANUAL ? "a clue made by hand has no source ref" : "a source needs its ref");
        }
    }

    public static ClueOrigin ticket(long no) {
        return new ClueOrigin(Kind.TICKET, Long.toString(no));
    }
}
