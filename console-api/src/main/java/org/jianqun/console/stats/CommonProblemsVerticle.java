package org.jianqun.console.stats;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.statistics.CommonProblemsJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link CommonProblemsJob} every {@link #PERIOD} on the worker pool, so the common problems a request reads
 * are at most a period and a batch behind the registrations. Two console instances may both run it: each county-month
 * is computed from the same words into the same rows, and a mark is cleared only if no registration renewed it.
 */
public final class CommonProblemsVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(CommonProblemsVerticle.class);
    static final Duration PERIOD = Duration.ofMinutes(1);
    static final Duration INITIAL_DELAY = Duration.ofSeconds(10);

    private final CommonProblemsJob job;
    private final AtomicBoolean running = new AtomicBoolean();
    private BlockingWork blocking;
    private long timerId = -1;
    private volatile Future<Integer> inFlight = Future.succeededFuture(0);

    public CommonProblemsVerticle(CommonProblemsJob job) {
        this.job = Objects.requireNonNull(job, "job");
    }

    @Override
    public Future<?> start() {
        blocking = new BlockingWork(vertx);
        timerId = vertx.setPeriodic(INITIAL_DELAY.toMillis(), PERIOD.toMillis(), id -> runOnce()
                .onFailure(e -> LOG.error("common problems failed: {}", e.toString(), e)));
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

    /** One batch now, on the worker pool; a run still going makes this one nothing. */
    public Future<Integer> runOnce() {
        if (!running.compareAndSet(false, true)) {
            return Future.succeededFuture(0);
        }
        Future<Integer> run = blocking.run(job::runOnce).andThen(done -> running.set(false));
        inFlight = run;
        return run;
    }
}
