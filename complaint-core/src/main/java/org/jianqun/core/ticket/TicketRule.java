package org.jianqun.core.ticket;

/** The named rules a ticket command can be refused by; each refusal carries one, with a reason in words. */
public enum TicketRule {
    /**
     * The ticket must exist for the actor: it is there, and {@code AccessPolicy.mayKnow} says they may know it.
     * A refusal by this rule is worded as for a missing ticket, whichever it was.
     */
    TICKET_EXISTS,
    /** A complaint has words (at most the desk's limit) and belongs to a village the platform knows. */
    VALID_COMPLAINT,
    /** 登记 names a message of the same group (by its id, or by quoting it). */
    MESSAGE_EXISTS,
    /** A message that already became a ticket is not registered again. */
    NOT_YET_A_TICKET,
    /** A real-name report goes to a discipline office whose region holds the reporter's village. */
    OFFICE_COVERS_VILLAGE,
    /** The actor's scope must contain the ticket's village. */
    ACTOR_IN_SCOPE,
    /** The actor's role must hold the permission, and for handling match the ticket's current level. */
    ROLE_FITS_TICKET_LEVEL,
    /** The command must be allowed from the ticket's current state ({@link TicketCommand}). */
    STATE_ALLOWS_COMMAND,
    /** City is the top level: nothing escalates beyond it. */
    CITY_IS_TOP,
    /** Only the complainant rates. */
    ONLY_COMPLAINANT_RATES,
    /** 定级 accepts 一般、特殊、复杂 only. */
    KNOWN_TIER_WORD,
    /** 评价 accepts 满意、基本满意、不满意 only. */
    KNOWN_RATING_WORD,
    /** A result, escalation reason or rejection reason must be written, and not be over-long. */
    TEXT_GIVEN,
    /** The deadline sweep escalates only a ticket whose current deadline has passed. */
    ESCALATE_ONLY_WHEN_OVERDUE,
    /** The rating request is repeated once, one working day after resolving. */
    RATING_REMINDER_ONCE_WHEN_DUE,
    /** A resolved ticket closes as unrated only after three working days without a rating. */
    UNRATED_AFTER_RATING_PERIOD,
    /** A duplicate is merged into another live ticket of the same village, never into itself. */
    MERGE_TARGET_VALID,
    /** A ticket belongs to a village: its code must be a valid 12-digit village code. */
    VALID_VILLAGE_CODE,
    /** A villager reports for themself; registering for another person is a cadre's 登记. */
    VILLAGERS_REPORT_FOR_THEMSELVES,
    /**
     * The complainant is the one registering, or a person of the ticket's village (scoped to exactly that village:
     * its villagers, cadres, people remembered from its groups): nobody files a complaint in the name of a
     * villager of another town, or of an officer.
     */
    COMPLAINANT_OF_VILLAGE,
    /** 分类 accepts a category of the stored list (ticket_category) only. */
    KNOWN_CATEGORY,
    /** 分类 changes the category: naming the one it has is refused, so the trail holds only real corrections. */
    CATEGORY_CHANGES
}
