package org.jianqun.core.outbox;

/**
 * Where an outbox row stands (outbox.status). PENDING and SENDING are still the dispatcher's; the rest are
 * settled. Listed as the admin console offers them: what needs a person first.
 */
public enum DeliveryStatus {
    /** No channel can carry it yet; an admin sends it again once the cause is mended. */
    HELD,
    /** Refused for good, or given up after the last attempt; an admin may send it again. */
    FAILED,
    /** Waiting for its time (new, backed off, or paced). */
    PENDING,
    /** Claimed under a lease; a row whose lease ran out is due again. */
    SENDING,
    /** Went on as other rows (one per group, per part, or group-send tasks). */
    ROUTED,
    /** The receiver took it. */
    SENT
}
