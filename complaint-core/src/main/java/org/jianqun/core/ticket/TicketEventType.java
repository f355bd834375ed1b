package org.jianqun.core.ticket;

/** What happened to a ticket; one event per accepted command. */
public enum TicketEventType {
    REGISTERED, CLAIMED, RESOLVED, ESCALATED, ESCALATED_OVERDUE, TIER_SET, URGED,
    /** Closed by a satisfied rating or as unrated; the detail and the ticket's {@link Closure} say which. */
    CLOSED,
    /** 不满意: back to CLAIMED at the same level. */
    REOPENED,
    RATING_REMINDED, MERGED, REJECTED,
    /** A holiday notice was loaded and a deadline the ticket runs against moved (it was provisional, 暂定). */
    DEADLINE_MOVED,
    /** 分类: a cadre corrected the ticket's category (the platform's, not the lifecycle's: state and level stay). */
    CATEGORISED
}
