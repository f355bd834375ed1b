package org.jianqun.core.sweep;

import java.time.Duration;
import java.util.Objects;
import org.jianqun.core.audit.AuditWitnessJob;
import org.jianqun.core.periodic.PeriodicPass;
import org.jianqun.core.periodic.SweepLock;

/**
 * Runs the {@link AuditWitnessJob} every {@link #PERIOD} on the worker pool, under the Redis lock
 * {@code jianqun:lock:audit-witness} like the deadline sweep's: the lock saves the other instances the
 * work, and the job's own row locks make the witness once a day even without it (Redis away, lock lost).
 */
public final class AuditWitnessVerticle extends PeriodicPass<AuditWitnessJob.Outcome> {
    public static final String LOCK_NAME = "audit-witness";
    static final Duration PERIOD = Duration.ofMinutes(5);
    static final Duration INITIAL_DELAY = Duration.ofSeconds(15);
    static final Duration LOCK_TTL = Duration.ofSeconds(60);

    private final AuditWitnessJob job;

    public AuditWitnessVerticle(AuditWitnessJob job, SweepLock lock) {
        super(Schedule.locked("audit witness", INITIAL_DELAY, PERIOD, Objects.requireNonNull(lock, "lock")));
        this.job = Objects.requireNonNull(job, "job");
    }

    @Override
    protected AuditWitnessJob.Outcome pass(Run run) {
        return job.runOnce();
    }

    @Override
    protected AuditWitnessJob.Outcome skipped(Skip why) {
        return new AuditWitnessJob.Outcome(null, 0, 0);
    }
}
