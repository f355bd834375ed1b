package org.jianqun.core.disclosure;

import java.util.Objects;

/** One item a village must disclose, in its category, at its cadence. */
public record CatalogueItem(int position, Category category, String name, Cadence cadence) {
    public static final int MAX_NAME = 100;

    public CatalogueItem {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(cadence, "cadence");
        if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > MAX_NAME) {
            throw new IllegalArgumentException("a catalogue item needs a name of 1 to " + MAX_NAME + " characters");
        }
    }
}
