package org.jianqun.gateway;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.gateway.groupsend.GroupSendTasks;
import org.jianqun.gateway.groupsend.VillageDigests;
import org.jianqun.gateway.outbound.OutboxDispatcher;
import org.jianqun.gateway.processing.MessageProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's background work: process stored messages (woken at once when one arrives, and every
 * {@code pollMillis} anyway, so nothing waits on a lost wake-up) and deliver the outbox. Each loop
 * runs on the worker pool, one pass at a time per process. Acknowledging comes first: while a burst
 * is being stored ({@link org.jianqun.gateway.inbox.BurstMeter}), processing and the outbox take small
 * bites ({@link #BURST_BATCH} a pass) so the cores go to answering WeChat within its 5 s; both are worked
 * off at full speed once the burst is over. Steady traffic is never a burst. When WeCom's app is configured, group-send tasks for external groups are advanced
 * every {@link #GROUP_SEND_EVERY_MILLIS} the same way.
 */
public final class GatewayVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
    private static final int BATCH = 200;
    static final int BURST_BATCH = 20;
    /** Group-send tasks wait on people (the owner confirms) and are due minutes apart: no need to look more often. */
    static final long GROUP_SEND_EVERY_MILLIS = 30_000;

    private final MessageProcessor processor;
    private final OutboxDispatcher dispatcher;
    private final BooleanSupplier storing;
    private final long pollMillis;
    private final AtomicBoolean processing = new AtomicBoolean();
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private final AtomicBoolean advancingGroupSends = new AtomicBoolean();
    private GroupSendTasks groupSends;
    private VillageDigests digests;
    /** A wake-up is on its way or waiting for the burst to end: further ones would add nothing. */
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile Context context;
    private BlockingWork blocking;

    /** @param storing true while the inbox is taking a burst of messages ({@link org.jianqun.gateway.inbox.Inbox#inBurst}) */
    public GatewayVerticle(MessageProcessor processor, OutboxDispatcher dispatcher, BooleanSupplier storing, long pollMillis) {
        this.processor = processor;
        this.dispatcher = dispatcher;
        this.storing = storing;
        this.pollMillis = pollMillis;
    }

    /** Advances these group-send tasks too; call before deploying. */
    public void advanceGroupSends(GroupSendTasks tasks, VillageDigests villageDigests) {
        this.groupSends = tasks;
        this.digests = villageDigests;
    }

    @Override
    public Future<?> start() {
        blocking = new BlockingWork(vertx);
        context = vertx.getOrCreateContext();
        vertx.setPeriodic(pollMillis, id -> {
            woken.set(false);
            processInbox();
            deliverOutbox();
        });
        if (groupSends != null) {
            GroupSendTasks tasks = groupSends;
            VillageDigests due = digests;
            vertx.setPeriodic(GROUP_SEND_EVERY_MILLIS, id -> {
                if (!storing.getAsBoolean()) {
                    runPassUnlessRunning(advancingGroupSends, () -> due.enqueueDue() + tasks.advance(BATCH).looked(), "advancing group-send tasks");
                }
            });
        }
        return Future.succeededFuture();
    }

    /**
     * Told, from any thread, that a new message is stored. A wake-up is for quiet times; in a burst
     * the periodic pass takes its small bite. So at most one is outstanding, and one that finds a burst
     * stays outstanding until the next periodic pass: a wake-up per acknowledged message would cost the
     * event loops a hand-off each, to be ignored.
     */
    public void wake() {
        Context on = context;
        if (on != null && woken.compareAndSet(false, true)) {
            on.runOnContext(v -> {
                if (!storing.getAsBoolean()) {
                    woken.set(false);
                    processInbox();
                }
            });
        }
    }

    private void processInbox() {
        runPassUnlessRunning(processing, () -> storing.getAsBoolean() ? Math.min(processor.processWaiting(BURST_BATCH), 0)
                : processor.processWaiting(BATCH), "processing the inbox");
    }

    private void deliverOutbox() {
        // In a burst replies take small bites too (they are durable in the outbox), so a long one delays them but never stops them.
        runPassUnlessRunning(dispatching, () -> storing.getAsBoolean() ? Math.min(dispatcher.dispatchDue(BURST_BATCH), 0)
                : dispatcher.dispatchDue(BATCH), "delivering the outbox");
    }

    /** Runs {@code pass} on a worker unless one is already running; repeats while a pass comes back full. */
    private void runPassUnlessRunning(AtomicBoolean running, IntSupplier pass, String what) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        blocking.run(() -> {
            int done;
            do {
                done = pass.getAsInt();
            } while (done >= BATCH);
            return null;
        }).onComplete(result -> {
            running.set(false);
            if (result.failed()) {
                LOG.error("{} failed", what, result.cause());
            }
        });
    }

    @Override
    public Future<?> stop() {
        if (blocking != null) {
            blocking.close();
        }
        return Future.succeededFuture();
    }
}
