package org.jianqun.core.disclosure;

import java.util.Optional;
import org.jianqun.core.wire.WireWords;

/** How often a catalogue item must be disclosed. */
public enum Cadence {
    MONTHLY("每月"), QUARTERLY("每季度"), ON_OCCURRENCE("随时（发生即公开）");

    private final String label;

    Cadence(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String wireName() {
        return WireWords.of(this);
    }

    public static Optional<Cadence> fromWire(String word) {
        return WireWords.parse(Cadence.class, word);
    }
}
