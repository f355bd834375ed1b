package org.jianqun.core.disclosure.warnings;

import java.util.Objects;
import org.jianqun.core.ticket.WarningColour;

/** One rule's knobs in one county: on or off, its colour, and for some rules a threshold (fen) and a window (days). */
public record RuleSetting(WarningRule rule, boolean enabled, WarningColour colour, Long thresholdCents, Integer windowDays) {
    public RuleSetting {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(colour, "colour");
    }

    /** As stored: column values by name. */
    public record Row(String ruleName, boolean enabled, String colour, Long thresholdCents, Integer windowDays) {
    }
}
