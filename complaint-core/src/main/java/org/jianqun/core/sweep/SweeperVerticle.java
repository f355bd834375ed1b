package org.jianqun.core.sweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jianqun.core.desk.DeadlineSweep;
import org.jianqun.core.desk.DeadlineSweep.SweepReport;
import org.jianqun.core.periodic.PeriodicPass;
import org.jianqun.core.periodic.SweepLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweeper role: every {@link Settings#period} it takes the {@link SweepLock} and runs
 * {@link DeadlineSweep#sweep} batch after batch while batches come back full, within a time budget, then
 * logs one line and lets the lock go. One instance per process; the lock picks one process of many.
 *
 * <p>Timer, lock, worker pool and stop are {@link PeriodicPass}'s: when Redis cannot be reached the pass sweeps
 * without the lock (deadlines must not stop because the lock store is away, and the row locks in
 * {@code DeadlineSweep.sweep} keep concurrent passes exactly-once, see {@link SweepLock}); a renewal that fails
 * ends the pass after its batch.
 */
public final class SweeperVerticle extends PeriodicPass<SweeperVerticle.Pass> {
    private static final Logger LOG = LoggerFactory.getLogger(SweeperVerticle.class);
    public static final String LOCK_NAME = "deadline-sweep";

    /**
     * @param period       time between ticks
     * @param initialDelay time before the first tick (soon after start-up, so a restart catches up quickly)
     * @param batchSize    tickets per {@code sweep} call: one transaction, its rows locked while it runs
     * @param timeBudget   a pass starts no new batch after this long (it stays under the period, and the lock's TTL)
     * @param lockTtl      how long the lock outlives a holder that stopped renewing it; renewed after every batch
     */
    public record Settings(Duration period, Duration initialDelay, int batchSize, Duration timeBudget, Duration lockTtl) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), Duration.ofSeconds(5), 500,
                Duration.ofSeconds(20), Duration.ofSeconds(60));

        public Settings {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(initialDelay, "initialDelay");
            Objects.requireNonNull(timeBudget, "timeBudget");
            Objects.requireNonNull(lockTtl, "lockTtl");
            if (period.toMillis() < 1 || initialDelay.toMillis() < 1) {
                throw new IllegalArgumentException("period and initial delay must be at least 1 ms (Vert.x timers)");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
            }
            if (lockTtl.compareTo(timeBudget) <= 0) {
                throw new IllegalArgumentException("lockTtl must exceed the time budget, so a pass's last batch is still covered");
            }
        }
    }

    /** How a pass went. */
    public enum Outcome {
        /** Held the lock and swept. */
        SWEPT,
        /** Redis could not be asked: swept anyway (row locks keep it exactly-once). */
        SWEPT_WITHOUT_LOCK,
        /** Another instance holds the lock. */
        LOCK_HELD_ELSEWHERE,
        /** The previous pass of this instance is still running. */
        STILL_RUNNING
    }

    /** What one pass did: the sum of its batches' reports. */
    public record Pass(Outcome outcome, int batches, SweepReport total, Duration took) {
    }

    private final DeadlineSweep sweep;
    private final Settings settings;
    private final Counter escalated;
    private final Counter reminded;
    private final Counter closedUnrated;
    private final Counter recoloured;
    private final MeterRegistry metrics;
    private final Timer passes;

    public SweeperVerticle(DeadlineSweep sweep, SweepLock lock, Settings settings, MeterRegistry metrics) {
        super(Schedule.locked("deadline sweep", settings.initialDelay(), settings.period(), Objects.requireNonNull(lock, "lock")));
        this.sweep = Objects.requireNonNull(sweep, "sweep");
        this.settings = settings;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.escalated = ticketCounter("escalated");
        this.reminded = ticketCounter("rating_reminded");
        this.closedUnrated = ticketCounter("closed_unrated");
        this.recoloured = ticketCounter("recoloured");
        this.passes = Timer.builder("jianqun.sweep.pass.duration").description("Time of the deadline sweep passes that swept").register(metrics);
    }

    private Counter ticketCounter(String outcome) {
        return Counter.builder("jianqun.sweep.tickets").tag("outcome", outcome)
                .description("Tickets the deadline sweep changed, by what it did").register(metrics);
    }

    @Override
    protected Pass skipped(Skip why) {
        Outcome outcome = why == Skip.STILL_RUNNING ? Outcome.STILL_RUNNING : Outcome.LOCK_HELD_ELSEWHERE;
        count(outcome);
        return new Pass(outcome, 0, none(), Duration.ZERO);
    }

    @Override
    protected Pass pass(Run run) {
        try {
            return report(sweepBatches(run));
        } catch (RuntimeException e) {
            metrics.counter("jianqun.sweep.passes", "outcome", "failed").increment();
            throw e;
        }
    }

    /** Batches while they come back full, the budget lasts, the lock is still ours and nobody asked us to stop. */
    private Pass sweepBatches(Run run) {
        long start = System.nanoTime();
        long budgetEnds = start + settings.timeBudget().toNanos();
        SweepReport total = none();
        int batches = 0;
        do {
            SweepReport report = sweep.sweep(settings.batchSize());
            batches++;
            total = plus(total, report);
            if (report.looked() < settings.batchSize() || System.nanoTime() >= budgetEnds) {
                break;
            }
        } while (run.goOn());
        return new Pass(run.locked() ? Outcome.SWEPT : Outcome.SWEPT_WITHOUT_LOCK, batches, total, Duration.ofNanos(System.nanoTime() - start));
    }

    private Pass report(Pass pass) {
        SweepReport t = pass.total();
        count(pass.outcome());
        passes.record(pass.took().toNanos(), TimeUnit.NANOSECONDS);
        escalated.increment(t.escalated());
        reminded.increment(t.reminded());
        closedUnrated.increment(t.closedUnrated());
        recoloured.increment(t.recoloured());
        if (t.looked() > 0 || pass.outcome() != Outcome.SWEPT) {
            LOG.info("deadline sweep: {} due in {} batch(es), {} escalated, {} rating reminders, {} closed unrated, {} recoloured, {} ms{}",
                    t.looked(), pass.batches(), t.escalated(), t.reminded(), t.closedUnrated(), t.recoloured(), pass.took().toMillis(),
                    pass.outcome() == Outcome.SWEPT_WITHOUT_LOCK ? " (without the lock)" : "");
        } else {
            LOG.debug("deadline sweep: nothing due");
        }
        return pass;
    }

    private void count(Outcome outcome) {
        metrics.counter("jianqun.sweep.passes", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    private static SweepReport none() {
        return new SweepReport(0, 0, 0, 0, 0);
    }

    private static SweepReport plus(SweepReport a, SweepReport b) {
        return new SweepReport(a.looked() + b.looked(), a.escalated() + b.escalated(), a.reminded() + b.reminded(),
                a.closedUnrated() + b.closedUnrated(), a.recoloured() + b.recoloured());
    }
}
