package org.jianqun.core.outbox;

import java.time.Instant;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;

/**
 * Writes messages into the outbox inside the caller's transaction: a change and the messages about
 * it commit together or not at all, so none is lost and none is sent for a change that rolled back.
 * Each gets a fresh delivery id that the receiver de-duplicates on.
 */
public final class Outbox {
    /** outbox.delivery_id holds 64; the gateway adds {@code .<n>} for what it routes a request into. */
    static final int MAX_REQUEST_KEY = 56;

    private Outbox() {
    }

    public static void enqueue(SqlSession session, Instant at, Long ticketNo, String eventType, OutboxMessage message) {
        session.getMapper(OutboxMapper.class).insert(UUID.randomUUID().toString(), at, ticketNo, eventType, message);
    }

    /**
     * A request made once per {@code requestKey} (e.g. a disclosure version and its village): asking again
     * with the same key changes nothing and answers false, so a caller that retries after a crash does not
     * send twice. The key becomes the delivery id (at most 64 characters); what the gateway routes it into is
     * keyed from it in turn, so each group gets it once. Two callers racing on one key: the second's insert meets
     * the unique delivery id and its transaction fails whole, so nothing is sent twice and the caller may retry.
     */
    public static boolean requestOnce(SqlSession session, Instant at, String requestKey, String about, OutboxMessage message) {
        if (requestKey == null || requestKey.isBlank() || requestKey.length() > MAX_REQUEST_KEY) {
            throw new IllegalArgumentException("a request key is 1 to " + MAX_REQUEST_KEY + " characters");
        }
        OutboxMapper outbox = session.getMapper(OutboxMapper.class);
        if (outbox.statusOf(requestKey) != null) {
            return false;
        }
        outbox.insert(requestKey, at, null, about, message);
        return true;
    }
}
