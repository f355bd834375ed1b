package org.jianqun.core.polls;

import java.util.Optional;

/** When voters see the results: as they come in, or only once the poll has closed (so early counts sway nobody). */
public enum ResultsShown {
    LIVE, AFTER_CLOSING;

    public String wire() {
        return this == LIVE ? "live" : "after_closing";
    }

    public static Optional<ResultsShown> fromWire(String word) {
        for (ResultsShown r : values()) {
            if (r.wire().equals(word)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
