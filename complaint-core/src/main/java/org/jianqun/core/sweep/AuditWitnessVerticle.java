package org.jianqun.core.sweep;

import io.lettuce.core.RedisException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jianqun.core.audit.AuditWitnessJob;
import org.jianqun.core.http.BlockingWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link AuditWitnessJob} every {@link #PERIOD} on the worker pool, under the Redis lock
 * {@code jianqun:lock:audit-witness} like the deadline sweep's: the lock saves the other instances the
 * work, and the job's own row locks make the witness once a day even without it (Redis away, lock lost).
 */
public final class AuditWitnessVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWitnessVerticle.class);
    public static final String LOCK_NAME = "audit-witness";
    static final Duration PERIOD = Duration.ofMinutes(5);
    static final Duration INITIAL_DELAY = Duration.ofSeconds(15);
    static final Duration LOCK_TTL = Duration.ofSeconds(60);

    private final AuditWitnessJob job;
    private final SweepLock lock;
    private final AtomicBoolean running = new AtomicBoolean();
    private BlockingWork blocking;
    private long timerId = -1;
    private volatile Future<AuditWitnessJob.Outcome> inFlight = Future.succeededFuture();

    public AuditWitnessVerticle(AuditWitnessJob job, SweepLock lock) {
        this.job = Objects.requireNonNull(job, "job");
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    @Override
    public Future<?> start() {
        blocking = new BlockingWork(vertx);
        timerId = vertx.setPeriodic(INITIAL_DELAY.toMillis(), PERIOD.toMillis(), id -> runOnce()
                .onFailure(e -> LOG.error("audit witness failed: {}", e.toString(), e)));
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        return inFlight.transform(done -> {
            blocking.close();
            return Future.succeededFuture();
        });
    }

    /** One run now, on the worker pool; a run still going makes this one nothing. */
    public Future<AuditWitnessJob.Outcome> runOnce() {
        if (!running.compareAndSet(false, true)) {
            return Future.succeededFuture(new AuditWitnessJob.Outcome(null, 0, 0));
        }
        Future<AuditWitnessJob.Outcome> run = blocking.run(this::locked).andThen(done -> running.set(false));
        inFlight = run;
        return run;
    }

    private AuditWitnessJob.Outcome locked() {
        Optional<SweepLock.Held> held;
        try {
            held = lock.tryAcquire();
        } catch (RedisException e) {
            LOG.warn("audit witness: cannot take the lock ({}); witnessing without it, row locks keep it once a day", e.toString());
            return job.runOnce();
        }
        if (held.isEmpty()) {
            return new AuditWitnessJob.Outcome(null, 0, 0);
        }
        try {
            return job.runOnce();
        } finally {
            try {
                held.get().release();
            } catch (RedisException e) {
                LOG.warn("audit witness: cannot release {} ({}); it expires by itself", lock.key(), e.toString());
            }
        }
    }
}
