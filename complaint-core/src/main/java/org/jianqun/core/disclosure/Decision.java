package org.jianqun.core.disclosure;

import java.util.Optional;
import org.jianqun.core.wire.WireWords;

/** A resident cadre's word on one invoice (审核). */
public enum Decision {
    APPROVED, REJECTED;

    public String wireName() {
        return WireWords.of(this);
    }

    /** {@code approve}/{@code approved} or {@code reject}/{@code rejected}. */
    public static Optional<Decision> parse(String word) {
        if ("approve".equals(word)) {
            return Optional.of(APPROVED);
        }
        if ("reject".equals(word)) {
            return Optional.of(REJECTED);
        }
        return WireWords.parse(Decision.class, word);
    }
}
