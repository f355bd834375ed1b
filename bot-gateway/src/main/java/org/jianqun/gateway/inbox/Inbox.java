package org.jianqun.gateway.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.DatabaseFailures;
import org.jianqun.core.persistence.InstantUtcTypeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable inbox: a message is written here, once, before its channel hears "accepted". The
 * unique (channel, message id) key makes WeChat's retries, a bridge's resends and two gateway
 * instances harmless: the second write of a message is a no-op that reports itself as a duplicate.
 * (Two writers storing the same new message at the same instant may both call it new; it is still
 * stored, and so processed, once.)
 *
 * <p>Writes are group-committed: a writer thread takes whatever messages are waiting (up to
 * {@link #BATCH}) and stores them with one multi-row insert, so a burst costs one commit per batch
 * instead of one per message; each caller's future completes only after its batch committed.
 * {@link #WRITERS} writers take turns, so one batch fills while another waits for its commit's flush
 * to disk (MariaDB flushes concurrent commits together). The queue is bounded: when it is full,
 * {@link #storeAsync} refuses at once and the channel is told to come back.
 */
public final class Inbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    public static final int BATCH = 500;
    public static final int QUEUE = 20_000;
    /**
     * Two: while one writer waits on the disk flush of its commit (a few ms here, most of a batch's
     * time), the other already stores the next batch; more would only make batches smaller.
     */
    public static final int WRITERS = 2;

    /*
     * Plain JDBC rather than a MyBatis <foreach>: building and binding a dynamic 500-row statement
     * through MyBatis cost more CPU than everything else on the acknowledge path. Connector/J's
     * rewriteBatchedStatements (Database) sends the batch as one multi-row INSERT, split only where
     * max_allowed_packet demands.
     */
    private static final String INSERT = "INSERT IGNORE INTO inbox_message (channel, message_id, group_id, sender_id, sender_name, kind, "
            + "text, voice_url, voice_seconds, transcript, quoted_message_id, mentions_bot, sent_at, received_at, status, response_url) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?)";

    private record Pending(InboundMessage message, CompletableFuture<Boolean> stored) {
    }

    /** The queue is full: the caller should push back (503 + Retry-After), not wait. */
    public static final class Full extends RuntimeException {
        Full() {
            super("the inbox queue is full", null, false, false);
        }
    }

    private final Database database;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;
    private final BurstMeter arrivals = new BurstMeter(System::nanoTime);

    public Inbox(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        database.addMapper(InboxMapper.class);
        for (int i = 1; i <= WRITERS; i++) {
            Thread writer = new Thread(this::writeLoop, "jianqun-inbox-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Completes with true when the message was new, false when the channel had sent it before; fails with {@link Full} at once when overloaded. */
    public CompletableFuture<Boolean> storeAsync(InboundMessage message) {
        Pending pending = new Pending(message, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            pending.stored().completeExceptionally(new Full());
        }
        return pending.stored();
    }

    /** Blocking form of {@link #storeAsync}. */
    public boolean store(InboundMessage message) {
        try {
            return storeAsync(message).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("storing message " + message.messageId() + " failed", e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
                // Every arrival counts, duplicates too: a storm of resends is work for the acknowledge path all the same.
                arrivals.stored(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<Boolean> fresh;
        try {
            fresh = store(batch);
        } catch (SQLException | RuntimeException e) {
            // The cause's types and codes, not its text: a driver's message quotes the rows (villagers' words).
            LOG.error("storing {} inbox messages failed ({}); their senders will be told to resend", batch.size(), DatabaseFailures.describe(e));
            batch.forEach(p -> p.stored().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).stored().complete(fresh.get(i));
        }
    }

    /**
     * Which messages of the batch are new, after storing those. Runs in auto-commit: the insert is
     * its own transaction and is durable when it returns (a batch split by max_allowed_packet commits
     * per part, and every caller still waits for all parts). Reading the known ids in the same
     * transaction would add two round trips and change nothing: the read does not lock, so the
     * unique key is what keeps a message stored once either way.
     */
    private List<Boolean> store(List<Pending> batch) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            // Which are repeats: of a stored message (the unique key), or of one earlier in this batch.
            Map<Channel, List<String>> idsByChannel = new EnumMap<>(Channel.class);
            batch.forEach(p -> idsByChannel.computeIfAbsent(p.message().channel(), c -> new ArrayList<>()).add(p.message().messageId()));
            Set<String> seen = new HashSet<>();
            for (Map.Entry<Channel, List<String>> entry : idsByChannel.entrySet()) {
                known(connection, entry.getKey(), entry.getValue()).forEach(id -> seen.add(entry.getKey() + "\u0000" + id));
            }
            List<Boolean> result = new ArrayList<>(batch.size());
            String receivedAt = InstantUtcTypeHandler.written(clock.instant());
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                int rows = 0;
                for (Pending p : batch) {
                    InboundMessage m = p.message();
                    boolean isNew = seen.add(m.channel() + "\u0000" + m.messageId());
                    result.add(isNew);
                    if (isNew) {
                        bind(insert, m, receivedAt);
                        insert.addBatch();
                        rows++;
                    }
                }
                if (rows > 0) {
                    insert.executeBatch();
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return result;
        }
    }

    private static List<String> known(Connection connection, Channel channel, List<String> ids) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT message_id FROM inbox_message WHERE channel = ? AND message_id IN (?");
        sql.append(", ?".repeat(ids.size() - 1)).append(')');
        List<String> known = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            select.setString(1, channel.name());
            for (int i = 0; i < ids.size(); i++) {
                select.setString(i + 2, ids.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    known.add(rows.getString(1));
                }
            }
        }
        return known;
    }

    private static void bind(PreparedStatement insert, InboundMessage m, String receivedAt) throws SQLException {
        InboundMessage.Voice voice = m.voice();
        insert.setString(1, m.channel().name());
        insert.setString(2, m.messageId());
        insert.setString(3, m.groupId());
        insert.setString(4, m.senderId());
        insert.setString(5, m.senderName());
        insert.setString(6, m.kind().name());
        insert.setString(7, m.text());
        insert.setString(8, voice == null ? null : voice.url());
        if (voice == null) {
            insert.setNull(9, Types.INTEGER);
        } else {
            insert.setInt(9, voice.durationSec());
        }
        insert.setString(10, voice == null ? null : voice.transcript());
        insert.setString(11, m.quotedMessageId());
        insert.setBoolean(12, m.mentionsBot());
        insert.setString(13, InstantUtcTypeHandler.written(m.sentAt()));
        insert.setString(14, receivedAt);
        insert.setString(15, m.replyUrl());
    }

    /**
     * True while a burst is being stored: messages arrive at {@link BurstMeter#BURST_PER_SECOND} or
     * more, or the writers have a batch's worth waiting. Steady traffic, however constant, is not one.
     */
    public boolean inBurst() {
        return queue.size() >= BATCH || arrivals.inBurst();
    }

    /** Stops taking messages and stores what is queued before returning. */
    @Override
    public void close() {
        running = false;
        try {
            for (Thread writer : writers) {
                writer.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
