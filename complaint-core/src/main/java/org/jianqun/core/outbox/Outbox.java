package org.jianqun.core.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        checkKey(requestKey);
        OutboxMapper outbox = session.getMapper(OutboxMapper.class);
        if (outbox.statusOf(requestKey) != null) {
            return false;
        }
        outbox.insert(requestKey, at, null, about, message);
        return true;
    }

    /** One request of {@link #requestAllOnce}. */
    public record Request(String key, OutboxMessage message) {
        public Request {
            checkKey(key);
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    /**
     * As {@link #requestOnce} for many requests, in two statements whatever their number (a province's push day
     * asks for 15,000): those whose key is already asked for are left alone. Returns how many were new.
     */
    public static int requestAllOnce(SqlSession session, Instant at, String about, List<Request> requests) {
        if (requests.isEmpty()) {
            return 0;
        }
        OutboxMapper outbox = session.getMapper(OutboxMapper.class);
        Set<String> asked = new HashSet<>(outbox.existing(requests.stream().map(Request::key).toList()));
        List<OutboxMapper.NewRow> rows = new ArrayList<>();
        for (Request r : requests) {
            if (asked.add(r.key())) {
                rows.add(new OutboxMapper.NewRow(r.key(), null, about, r.message()));
            }
        }
        if (!rows.isEmpty()) {
            outbox.insertAll(at, rows);
        }
        return rows.size();
    }

    private static void checkKey(String requestKey) {
        if (requestKey == null || requestKey.isBlank() || requestKey.length() > MAX_REQUEST_KEY) {
            throw new IllegalArgumentException("a request key is 1 to " + MAX_REQUEST_KEY + " characters");
        }
    }
}
