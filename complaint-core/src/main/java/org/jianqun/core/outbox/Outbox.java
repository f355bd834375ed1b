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
    private Outbox() {
    }

    public static void enqueue(SqlSession session, Instant at, Long ticketNo, String eventType, OutboxMessage message) {
        session.getMapper(OutboxMapper.class).insert(UUID.randomUUID().toString(), at, ticketNo, eventType, message);
    }
}
