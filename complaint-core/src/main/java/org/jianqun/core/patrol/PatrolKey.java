package org.jianqun.core.patrol;

import java.util.Objects;

/** An item's stable identity, the same every day it shows: its kind and a reference within the kind. */
public record PatrolKey(PatrolKind kind, String ref) {
    public static final int MAX_REF_LENGTH = 64;

    public PatrolKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ref, "ref");
        if (ref.isEmpty() || ref.length() > MAX_REF_LENGTH) {
            throw new IllegalArgumentException("a patrol reference has 1 to " + MAX_REF_LENGTH + " characters");
        }
    }

    /** {@code kind:ref}, as the console shows and the log lists it. */
    public String text() {
        return kind.wireName() + ":" + ref;
    }
}
