package org.jianqun.gateway.inbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.EnumMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable inbox: a message is written here, once, before its channel hears "accepted". The
 * unique (channel, message id) key makes WeChat's retries, a bridge's resends and two gateway
 * instances harmless: the second write of a message is a no-op that reports itself as a duplicate.
 * (Two instances storing the same new message at the same instant may both call it new; it is still
 * stored, and so processed, once.)
 *
 * <p>Writes are group-committed: one writer thread takes whatever messages are waiting (up to
 * {@link #BATCH}) and stores them in one transaction, so a burst costs one commit per batch instead
 * of one per message; each caller's future completes only after its batch committed. The queue is
 * bounded: when it is full, {@link #storeAsync} refuses at once and the channel is told to come back.
 */
public final class Inbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    public static final int BATCH = 500;
    public static final int QUEUE = 20_000;

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
    private final Thread writer;
    private volatile boolean running = true;
    private volatile long lastWriteNanos;

    public Inbox(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        database.addMapper(InboxMapper.class);
        writer = new Thread(this::writeLoop, "jianqun-inbox-writer");
        writer.setDaemon(true);
        writer.start();
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
                lastWriteNanos = System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<Boolean> fresh = database.inTransaction(s -> {
                InboxMapper mapper = s.getMapper(InboxMapper.class);
                // Which are repeats: of a stored message (the unique key), or of one earlier in this batch.
                Map<Channel, List<String>> idsByChannel = new EnumMap<>(Channel.class);
                batch.forEach(p -> idsByChannel.computeIfAbsent(p.message().channel(), c -> new ArrayList<>()).add(p.message().messageId()));
                Set<String> seen = new HashSet<>();
                idsByChannel.forEach((channel, ids) -> mapper.known(channel, ids).forEach(id -> seen.add(channel + "\u0000" + id)));
                List<Boolean> result = new ArrayList<>(batch.size());
                List<InboundMessage> toStore = new ArrayList<>();
                for (Pending p : batch) {
                    boolean isNew = seen.add(p.message().channel() + "\u0000" + p.message().messageId());
                    result.add(isNew);
                    if (isNew) {
                        toStore.add(p.message());
                    }
                }
                if (!toStore.isEmpty()) {
                    mapper.storeAll(toStore, clock.instant());
                }
                return result;
            });
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).stored().complete(fresh.get(i));
            }
        } catch (RuntimeException e) {
            LOG.error("storing {} inbox messages failed; their senders will be told to resend", batch.size(), e);
            batch.forEach(p -> p.stored().completeExceptionally(e));
        }
    }

    /** True while messages are arriving (a batch was written within the last {@code withinMillis}). */
    public boolean busy(long withinMillis) {
        return !queue.isEmpty() || System.nanoTime() - lastWriteNanos < withinMillis * 1_000_000L;
    }

    /** Stops taking messages and stores what is queued before returning. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
