package org.jianqun.core.periodic;

import io.lettuce.core.RedisException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jianqun.core.http.BlockingWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A verticle that runs one pass of blocking work every {@link Schedule#period} on the {@link BlockingWork} pool,
 * never on the event loop. A subclass gives the {@link Schedule} and the {@link #pass}; this class owns the timer,
 * the lock, the worker pool and the stop.
 *
 * <ul>
 *   <li>Passes never overlap in a process: a tick that finds the previous pass still running does nothing
 *       ({@link Skip#STILL_RUNNING}).</li>
 *   <li>With a lock, a pass first takes it ({@code SET NX}): another instance holding it makes the pass nothing
 *       ({@link Skip#LOCK_HELD_ELSEWHERE}); the pass frees it when it ends, even when it fails. When Redis cannot be
 *       asked, the pass runs without it ({@link Run#locked} false): the lock only saves work, the pass's row locks keep
 *       it correct (see {@link SweepLock}), and periodic work must not stop because the lock store is away.</li>
 *   <li>A pass of several batches calls {@link Run#goOn} between them, which renews the lock. <b>When renewing fails
 *       — the lock is no longer ours (expired, taken, flushed) or Redis does not answer — the pass ends after the
 *       batch in hand</b>: it starts no further batch without the lock it took. The next tick starts over by taking
 *       the lock again, so the rest waits at most one period (or goes to whoever holds the lock now).</li>
 *   <li>{@link #stop} cancels the timer, makes {@link Run#goOn} false, and completes once the pass in flight has
 *       ended and freed its lock.</li>
 * </ul>
 *
 * @param <R> what one pass reports
 */
public abstract class PeriodicPass<R> extends VerticleBase {
    /** Why {@link #runOnce} did not run a pass. */
    public enum Skip {
        /** The previous pass of this instance is still running. */
        STILL_RUNNING,
        /** Another instance holds the lock. */
        LOCK_HELD_ELSEWHERE
    }

    /**
     * @param name         what the logs call the pass, e.g. {@code deadline sweep}
     * @param initialDelay time before the first tick (soon after start-up, so a restart catches up quickly)
     * @param period       time between ticks
     * @param lock         the lock that picks one instance of many; empty when every instance runs the pass
     */
    public record Schedule(String name, Duration initialDelay, Duration period, Optional<SweepLock> lock) {
        public Schedule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(lock, "lock");
            if (period.toMillis() < 1 || initialDelay.toMillis() < 1) {
                throw new IllegalArgumentException("period and initial delay must be at least 1 ms (Vert.x timers)");
            }
        }

        public static Schedule locked(String name, Duration initialDelay, Duration period, SweepLock lock) {
            return new Schedule(name, initialDelay, period, Optional.of(lock));
        }

        public static Schedule everyInstance(String name, Duration initialDelay, Duration period) {
            return new Schedule(name, initialDelay, period, Optional.empty());
        }
    }

    /** The pass in progress, as its work sees it; use from the pass's worker thread only. */
    public final class Run {
        private SweepLock.Held held;
        private final boolean locked;
        private int renewals;

        private Run(SweepLock.Held held) {
            this.held = held;
            this.locked = held != null;
        }

        /** Whether the pass took its lock (false without a lock, or when Redis could not be asked). */
        public boolean locked() {
            return locked;
        }

        /**
         * Between batches: whether to start another. False once {@link #stop} was asked, or when the lock could
         * not be renewed (no longer ours, or Redis not answering): the pass then ends and the next tick takes the
         * lock afresh. Renews the lock for its full TTL when it says yes.
         */
        public boolean goOn() {
            if (stopping) {
                return false;
            }
            if (!locked) {
                return true;
            }
            if (held == null) {
                return false;
            }
            try {
                if (held.renew()) {
                    renewals++;
                    return true;
                }
                log.warn("{}: lost {} after {} renewal(s) (expired or taken); leaving the rest to the next pass", schedule.name(),
                        lockKey(), renewals);
            } catch (RedisException e) {
                log.warn("{}: cannot renew {} ({}); ending the pass, the next one takes the lock again", schedule.name(),
                        lockKey(), e.toString());
            }
            held = null;
            return false;
        }
    }

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Schedule schedule;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile Future<R> inFlight = Future.succeededFuture();
    private BlockingWork blocking;
    private long timerId = -1;

    protected PeriodicPass(Schedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /** One pass's work, on a worker thread; {@code run} says whether it holds the lock and whether to start another batch. */
    protected abstract R pass(Run run) throws Exception;

    /** What {@link #runOnce} reports when it ran no pass. */
    protected abstract R skipped(Skip why);

    @Override
    public final Future<?> start() {
        blocking = new BlockingWork(vertx);
        timerId = vertx.setPeriodic(schedule.initialDelay().toMillis(), schedule.period().toMillis(), id -> runOnce()
                .onFailure(e -> log.error("{} failed: {}", schedule.name(), e.toString(), e)));
        return Future.succeededFuture();
    }

    @Override
    public final Future<?> stop() {
        stopping = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        // A pass in flight ends after its current batch (Run.goOn) and frees the lock before undeploy completes.
        return inFlight.transform(done -> {
            blocking.close();
            return Future.succeededFuture();
        });
    }

    /** One pass now on the worker pool (what each tick does); tests call it to run a pass on demand. */
    public final Future<R> runOnce() {
        if (!running.compareAndSet(false, true)) {
            return Future.succeededFuture(skipped(Skip.STILL_RUNNING));
        }
        Future<R> pass = blocking.run(this::passUnderLock).andThen(done -> running.set(false));
        inFlight = pass;
        return pass;
    }

    private R passUnderLock() throws Exception {
        if (schedule.lock().isEmpty()) {
            return pass(new Run(null));
        }
        Optional<SweepLock.Held> taken;
        try {
            taken = schedule.lock().get().tryAcquire();
        } catch (RedisException e) {
            log.warn("{}: cannot take {} ({}); running without it, row locks keep the work correct", schedule.name(), lockKey(),
                    e.toString());
            return pass(new Run(null));
        }
        if (taken.isEmpty()) {
            log.debug("{}: another instance holds {}", schedule.name(), lockKey());
            return skipped(Skip.LOCK_HELD_ELSEWHERE);
        }
        SweepLock.Held held = taken.get();
        try {
            return pass(new Run(held));
        } finally {
            release(held);
        }
    }

    private void release(SweepLock.Held held) {
        try {
            if (!held.release()) {
                log.debug("{}: {} was no longer ours at release", schedule.name(), lockKey());
            }
        } catch (RedisException e) {
            // It expires by itself within its TTL.
            log.warn("{}: cannot release {} ({})", schedule.name(), lockKey(), e.toString());
        }
    }

    private String lockKey() {
        return schedule.lock().map(SweepLock::key).orElse("no lock");
    }
}
