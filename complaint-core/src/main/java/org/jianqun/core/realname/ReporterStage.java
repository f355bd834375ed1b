package org.jianqun.core.realname;

import org.jianqun.core.ticket.TicketState;

/** What a reporter is told of where their real-name report stands: 已收到 → 已受理 → 已办结. */
public enum ReporterStage {
    RECEIVED("已收到"), ACKNOWLEDGED("已受理"), CONCLUDED("已办结");

    private final String label;

    ReporterStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** OPEN (wherever it sits) is received; claimed by its office, acknowledged; resolved or ended, concluded. */
    public static ReporterStage of(TicketState state) {
        return switch (state) {
            case OPEN -> RECEIVED;
            case CLAIMED -> ACKNOWLEDGED;
            case RESOLVED, CLOSED, MERGED, REJECTED -> CONCLUDED;
        };
    }
}
