package org.jianqun.miniapp.content;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs {@link ContentChecks} every few seconds on a worker, one pass at a time. */
public final class ContentCheckVerticle extends VerticleBase {
    static final long PERIOD_MILLIS = 3_000;

    private final ContentChecks checks;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public ContentCheckVerticle(ContentChecks checks) {
        this.checks = checks;
    }

    @Override
    public Future<?> start() {
        timer = vertx.setPeriodic(PERIOD_MILLIS, id -> {
            if (running.compareAndSet(false, true)) {
                vertx.executeBlocking(checks::checkDue, false).onComplete(done -> running.set(false));
            }
        });
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return Future.succeededFuture();
    }
}
