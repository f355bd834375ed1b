package org.jianqun.gateway.inbox;

/** Where a stored chat message stands (inbox_message.status): RECEIVED, then one of the other three. */
public enum InboxStatus {
    /** Stored and acknowledged; waiting to be processed. */
    RECEIVED,
    /** Processed: its command ran, or it was kept for patrol. */
    PROCESSED,
    /** Its group is bound to no region: kept, not answered, until an admin binds the group. */
    UNKNOWN_GROUP,
    /** Processing failed for good; an admin may put it back in the queue. */
    FAILED
}
