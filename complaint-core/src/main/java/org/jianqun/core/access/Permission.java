package org.jianqun.core.access;

import org.jianqun.core.wire.WireWords;


/** What an actor may be allowed to do; {@link AccessPolicy} says which role holds which. */
public enum Permission {
    /** Load regions, groups and people from the CSV imports. */
    IMPORT_ORGANISATION,
    /** Read the organisation tree and groups within one's scope. */
    VIEW_ORGANISATION,
    /** Register a ticket for a village (#反映, or 登记 of a flagged message). */
    REGISTER_TICKET,
    /** Claim, resolve, escalate (上报) and tier (定级) a ticket: only at the level the role handles. */
    HANDLE_TICKET,
    /** Urge (催办) a ticket of one's village. */
    URGE_TICKET,
    /** Rate a resolved ticket; the ticket further insists that only its complainant does. */
    RATE_TICKET,
    /** Merge a duplicate ticket into another. */
    MERGE_TICKET,
    /** Reject a ticket as not a matter for the platform. */
    REJECT_TICKET,
    /** Read tickets of one's scope in the console (confidential ones: discipline officers only). */
    VIEW_TICKETS,
    /** Read the statistics and the 勤廉指数 of a region within one's scope (officers of town level and up, discipline officers). */
    VIEW_STATISTICS,
    /** Run the audit trail's verification. */
    VERIFY_AUDIT,
    /** Load a year's holiday notice (the working-day calendar every deadline counts with). */
    LOAD_HOLIDAYS,
    /** Patrol (网巡) and keep the clue library (线索库) of one's discipline office. */
    PATROL;

    public String wireName() {
        return WireWords.of(this);
    }
}
