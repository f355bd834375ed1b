package org.jianqun.disclosure.push;

import io.lettuce.core.RedisException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jianqun.core.disclosure.DisclosureDesk;
import org.jianqun.core.disclosure.missing.MissingDisclosures;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.sweep.SweepLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes ready disclosures on the push day, and tells the towns' discipline groups of villages whose month
 * is missing and red ({@link MissingDisclosures#tellRed}): every {@code period} it takes the {@link SweepLock} (one
 * instance of many at a time) and publishes batch after batch. The lock only saves work: each publication
 * locks its row and writes its delivery request in the same transaction, keyed per version, so two instances
 * at once (lock lost, Redis away) still request each version once; a crash before the commit leaves the version
 * ready for the next pass, a crash after it leaves the request to the gateway, which sends it to each group once.
 */
public final class PushVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(PushVerticle.class);
    public static final String LOCK_NAME = "disclosure-push";
    static final int BATCH = 500;

    public record Settings(Duration period, Duration initialDelay, Duration lockTtl) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(120));
    }

    private final DisclosureDesk desk;
    private final MissingDisclosures missing;
    private final SweepLock lock;
    private final int pushDay;
    private final Settings settings;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Future<Integer> inFlight = Future.succeededFuture(0);
    private volatile boolean stopping;
    private BlockingWork blocking;
    private long timerId = -1;

    public PushVerticle(DisclosureDesk desk, MissingDisclosures missing, SweepLock lock, int pushDay, Settings settings) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.missing = Objects.requireNonNull(missing, "missing");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.pushDay = pushDay;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Future<?> start() {
        blocking = new BlockingWork(vertx);
        timerId = vertx.setPeriodic(settings.initialDelay().toMillis(), settings.period().toMillis(), id -> runOnce()
                .onFailure(e -> LOG.error("disclosure push failed: {}", e.toString(), e)));
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        return inFlight.transform(done -> {
            blocking.close();
            return Future.succeededFuture();
        });
    }

    /** One pass now on the worker pool: how many versions it published (0 when another pass or instance is at it). */
    public Future<Integer> runOnce() {
        if (!running.compareAndSet(false, true)) {
            return Future.succeededFuture(0);
        }
        Future<Integer> pass = blocking.run(this::pass).andThen(done -> running.set(false));
        inFlight = pass;
        return pass;
    }

    private int pass() {
        Optional<SweepLock.Held> held;
        try {
            held = lock.tryAcquire();
            if (held.isEmpty()) {
                return 0;
            }
        } catch (RedisException e) {
            LOG.warn("disclosure push: cannot take {} ({}); publishing without it, row locks keep it once per version", lock.key(), e.toString());
            held = Optional.empty();
        }
        try {
            int total = 0;
            while (!stopping) {
                DisclosureDesk.PublishPass pass = desk.publishDue(pushDay, BATCH);
                total += pass.published();
                if (pass.published() < BATCH) {
                    break;
                }
                if (held.isPresent() && !renewed(held.get())) {
                    break;
                }
            }
            if (total > 0) {
                LOG.info("disclosure push: {} version(s) published and requested", total);
            }
            int told = missing.tellRed();
            if (told > 0) {
                LOG.info("disclosure push: {} village(s) turned red for a missing disclosure; their towns' discipline groups are told", told);
            }
            return total;
        } finally {
            held.ifPresent(h -> {
                try {
                    h.release();
                } catch (RedisException e) {
                    LOG.warn("disclosure push: cannot release {} ({}); it expires", lock.key(), e.toString());
                }
            });
        }
    }

    private boolean renewed(SweepLock.Held held) {
        try {
            return held.renew();
        } catch (RedisException e) {
            return true;
        }
    }
}
