package org.jianqun.core.wire;

import java.util.Locale;
import java.util.Optional;

/**
 * How the platform's enums are written where people and other systems read them (CSV columns, JSON,
 * URLs): the constant's name in lower case ({@code VILLAGE_CADRE} → {@code village_cadre}), and back.
 */
public final class WireWords {
    private WireWords() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant written {@code word}; empty for anything else, so callers can say what would work. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String word) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(word)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
