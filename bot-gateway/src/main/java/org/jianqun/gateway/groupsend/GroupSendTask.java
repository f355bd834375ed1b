package org.jianqun.gateway.groupsend;

import java.time.Instant;

/**
 * One group-send task as stored: a text for one external group, to be confirmed by the group's
 * owner in WeCom. {@code lastError} holds the reason of a REFUSED, EXPIRED or FAILED task, and the
 * latest trouble of one still under way. {@code disclosureId}: the disclosure version whose mini-program card
 * goes with the text ({@link DisclosureCards}); {@code note} why a disclosure's task went as text alone.
 */
public record GroupSendTask(long id, String requestKey, Purpose purpose, String chatId, String sendMonth, String text,
                            Status status, String ownerUserid, String msgid, int remindersSent, int attempts,
                            Instant queuedAt, Instant wecomCreatedAt, Instant lastRemindedAt, Instant sentAt,
                            Instant finishedAt, Instant nextAttemptAt, Instant attemptStartedAt, String lastError, int version,
                            Long disclosureId, String note) {

    /** What a group-send is for; the monthly disclosure has a place kept in every month's budget. */
    public enum Purpose {
        /** 三务公开: the village's monthly disclosure. */
        DISCLOSURE,
        /** A digest of the month's matters in the group (what was registered, resolved, rated). */
        DIGEST,
        /** A poll's announcement (民意调查), with its link. */
        POLL;

        /** The task's purpose for a broadcast any module may request through core (it cannot name this enum). */
        public static Purpose of(org.jianqun.core.outbox.Broadcast broadcast) {
            return switch (broadcast) {
                case DISCLOSURE -> DISCLOSURE;
                case DIGEST -> DIGEST;
                case POLL -> POLL;
            };
        }
    }

    public enum Status {
        /** Not accepted at enqueue (over the month's budget, or a text WeCom would not take); never sent. */
        REFUSED,
        /** Accepted; the WeCom task is not created yet. */
        QUEUED,
        /** WeCom holds the task (msgid) and has asked the owner to confirm it. */
        CREATED,
        /** The owner sent it into the group. */
        SENT,
        /** Not created or not sent in time; a created task is withdrawn from the owner. */
        EXPIRED,
        /** WeCom refused it for good. */
        FAILED;

        public boolean settled() {
            return this != QUEUED && this != CREATED;
        }
    }
}
