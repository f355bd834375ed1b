package org.jianqun.core.operations;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jianqun.core.desk.HolidayLoads;
import org.jianqun.core.http.BlockingWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every process, whatever its roles, reads the loaded holiday years every {@link #PERIOD} so a year an
 * administrator loaded on another instance counts here too, without a restart ({@link HolidayLoads#refresh},
 * which also logs the 1 November warning once a day). The read runs on the worker pool, never on the event loop.
 */
public final class HolidayRefreshVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HolidayRefreshVerticle.class);
    public static final Duration PERIOD = Duration.ofSeconds(30);

    private final HolidayLoads holidays;
    private final AtomicBoolean running = new AtomicBoolean();
    private BlockingWork blocking;
    private long timerId = -1;

    public HolidayRefreshVerticle(HolidayLoads holidays) {
        this.holidays = holidays;
    }

    @Override
    public Future<?> start() {
        blocking = new BlockingWork(vertx);
        timerId = vertx.setPeriodic(PERIOD.toMillis(), id -> tick());
        return Future.succeededFuture();
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return; // a slow database: the previous read is still out
        }
        blocking.run(holidays::refresh)
                .onSuccess(years -> {
                    if (!years.isEmpty()) {
                        LOG.info("holiday years {} taken in from holiday_year", years);
                    }
                })
                .onFailure(e -> LOG.warn("reading holiday_year failed: {}", e.toString()))
                .onComplete(done -> running.set(false));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timerId);
        blocking.close();
        return Future.succeededFuture();
    }
}
