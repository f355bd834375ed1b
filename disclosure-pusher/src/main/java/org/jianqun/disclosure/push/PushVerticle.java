package org.jianqun.disclosure.push;

import java.time.Duration;
import java.util.Objects;
import org.jianqun.core.disclosure.DisclosureDesk;
import org.jianqun.core.disclosure.missing.MissingDisclosures;
import org.jianqun.core.periodic.PeriodicPass;
import org.jianqun.core.periodic.SweepLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes ready disclosures on the push day, and tells the towns' discipline groups of villages whose month
 * is missing and red ({@link MissingDisclosures#tellRed}): every {@code period} it takes the {@link SweepLock} (one
 * instance of many at a time) and publishes batch after batch. The lock only saves work: each publication
 * locks its row and writes its delivery request in the same transaction, keyed per version, so two instances
 * at once (lock lost, Redis away) still request each version once; a crash before the commit leaves the version
 * ready for the next pass, a crash after it leaves the request to the gateway, which sends it to each group once.
 * A renewal of the lock that fails ends the pass after its batch ({@link PeriodicPass}); the next tick goes on.
 */
public final class PushVerticle extends PeriodicPass<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PushVerticle.class);
    public static final String LOCK_NAME = "disclosure-push";
    static final int BATCH = 500;

    public record Settings(Duration period, Duration initialDelay, Duration lockTtl) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(120));
    }

    private final DisclosureDesk desk;
    private final MissingDisclosures missing;
    private final int pushDay;

    public PushVerticle(DisclosureDesk desk, MissingDisclosures missing, SweepLock lock, int pushDay, Settings settings) {
        super(Schedule.locked("disclosure push", settings.initialDelay(), settings.period(), Objects.requireNonNull(lock, "lock")));
        this.desk = Objects.requireNonNull(desk, "desk");
        this.missing = Objects.requireNonNull(missing, "missing");
        this.pushDay = pushDay;
    }

    /** Batch after batch while they come back full: how many versions it published. */
    @Override
    protected Integer pass(Run run) {
        int total = 0;
        DisclosureDesk.PublishPass batch;
        do {
            batch = desk.publishDue(pushDay, BATCH);
            total += batch.published();
        } while (batch.published() >= BATCH && run.goOn());
        if (total > 0) {
            LOG.info("disclosure push: {} version(s) published and requested", total);
        }
        int told = missing.tellRed();
        if (told > 0) {
            LOG.info("disclosure push: {} village(s) turned red for a missing disclosure; their towns' discipline groups are told", told);
        }
        return total;
    }

    /** Nothing published: another pass or instance is at it. */
    @Override
    protected Integer skipped(Skip why) {
        return 0;
    }
}
