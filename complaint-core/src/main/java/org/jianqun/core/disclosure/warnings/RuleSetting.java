package org.jianqun.core.disclosure.warnings;

import java.util.Objects;
import org.jianqun.core.ticket.WarningColour;

/**
 * One rule's knobs in one county: on or off, its colour, and for some rules a threshold (fen), a window (days),
 * a period ({@link WarningRule#SUBSIDY_TWICE}; null: {@link SubsidyPeriod#DEFAULT}) and the colour of a match by
 * name alone ({@link WarningRule#RELATIVE_SUBSIDY}; null: the rule's colour).
 */
public record RuleSetting(WarningRule rule, boolean enabled, WarningColour colour, Long thresholdCents, Integer windowDays, SubsidyPeriod period,
                          WarningColour nameMatchColour) {
    public RuleSetting {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(colour, "colour");
    }

    public RuleSetting(WarningRule rule, boolean enabled, WarningColour colour, Long thresholdCents, Integer windowDays) {
        this(rule, enabled, colour, thresholdCents, windowDays, null, null);
    }

    public SubsidyPeriod periodOrDefault() {
        return period == null ? SubsidyPeriod.DEFAULT : period;
    }

    public WarningColour colourOfNameMatch() {
        return nameMatchColour == null ? colour : nameMatchColour;
    }

    /** As stored: column values by name. */
    public record Row(String ruleName, boolean enabled, String colour, Long thresholdCents, Integer windowDays, String period,
                      String nameMatchColour) {
    }
}
