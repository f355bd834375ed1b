package org.jianqun.gateway.inbox;

import java.time.Clock;
import org.jianqun.core.persistence.Database;

/**
 * The durable inbox: a message is written here, once, before its channel hears "accepted". The
 * unique (channel, message id) key makes WeChat's retries, a bridge's resends and two gateway
 * instances harmless: the second write of a message is a no-op that reports itself as a duplicate.
 */
public final class Inbox {
    private final Database database;
    private final Clock clock;

    public Inbox(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        database.addMapper(InboxMapper.class);
    }

    /** Blocking. True when the message was new, false when the channel had sent it before. */
    public boolean store(InboundMessage message) {
        return database.inTransaction(s -> s.getMapper(InboxMapper.class).store(message, clock.instant()) == 1);
    }
}
