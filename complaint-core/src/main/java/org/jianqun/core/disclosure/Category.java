package org.jianqun.core.disclosure;

import java.util.Optional;
import org.jianqun.core.wire.WireWords;

/** The three kinds of public matters (三务). */
public enum Category {
    PARTY("党务"), VILLAGE("村务"), FINANCE("财务");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String wireName() {
        return WireWords.of(this);
    }

    public static Optional<Category> fromWire(String word) {
        return WireWords.parse(Category.class, word);
    }
}
