package org.jianqun.core.polls;

import java.util.Optional;

/** Whether a voter picks one option or several. */
public enum ChoiceKind {
    SINGLE, MULTIPLE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<ChoiceKind> fromWire(String word) {
        for (ChoiceKind k : values()) {
            if (k.wire().equals(word)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
