package org.jianqun.console.stats;

import java.time.Duration;
import java.util.Objects;
import org.jianqun.core.periodic.PeriodicPass;
import org.jianqun.core.statistics.CommonProblemsJob;

/**
 * Runs the {@link CommonProblemsJob} every {@link #PERIOD} on the worker pool, so the common problems a request reads
 * are at most a period and a batch behind the registrations. Two console instances may both run it (no lock): each
 * county-month is computed from the same words into the same rows, and a mark is cleared only if no registration
 * renewed it.
 */
public final class CommonProblemsVerticle extends PeriodicPass<Integer> {
    static final Duration PERIOD = Duration.ofMinutes(1);
    static final Duration INITIAL_DELAY = Duration.ofSeconds(10);

    private final CommonProblemsJob job;

    public CommonProblemsVerticle(CommonProblemsJob job) {
        super(Schedule.everyInstance("common problems", INITIAL_DELAY, PERIOD));
        this.job = Objects.requireNonNull(job, "job");
    }

    /** One batch: how many county-months it computed. */
    @Override
    protected Integer pass(Run run) {
        return job.runOnce();
    }

    @Override
    protected Integer skipped(Skip why) {
        return 0;
    }
}
