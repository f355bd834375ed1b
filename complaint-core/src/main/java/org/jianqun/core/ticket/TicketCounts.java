package org.jianqun.core.ticket;

/**
 * What the warnings count over a ticket's life.
 *
 * @param reopened           不满意 ratings that sent it back to CLAIMED
 * @param urged              催办 received
 * @param escalated          levels climbed, by 上报 or by being overdue
 * @param overdueEscalations levels climbed because a deadline passed (督办 from the first on)
 */
public record TicketCounts(int reopened, int urged, int escalated, int overdueEscalations) {
    public static final TicketCounts NONE = new TicketCounts(0, 0, 0, 0);

    public TicketCounts {
        if (reopened < 0 || urged < 0 || escalated < 0 || overdueEscalations < 0 || overdueEscalations > escalated) {
            throw new IllegalArgumentException("impossible counts " + reopened + "/" + urged + "/" + escalated + "/" + overdueEscalations);
        }
    }

    TicketCounts plusReopened() {
        return new TicketCounts(reopened + 1, urged, escalated, overdueEscalations);
    }

    TicketCounts plusUrged() {
        return new TicketCounts(reopened, urged + 1, escalated, overdueEscalations);
    }

    TicketCounts plusEscalated(boolean overdue) {
        return new TicketCounts(reopened, urged, escalated + 1, overdueEscalations + (overdue ? 1 : 0));
    }
}
