package org.jianqun.core.statistics;

import java.util.OptionalDouble;

/** The statistics of one group of tickets (or of all), derived from their summed counters; shares are 0..1, empty without a basis. */
public record Figures(TallyCounts counts) {
    /** 5天以内办结: resolved within {@link TicketTally#RESOLVED_WITHIN_WORKING_DAYS} working days, over the countable tickets. */
    public OptionalDouble withinFiveShare() {
        return share(counts.withinFive(), counts.countable());
    }

    /** Average working days from registration to the result, over the resolved tickets. */
    public OptionalDouble averageWorkingDaysToResolve() {
        return counts.resolved() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) counts.closeDays() / counts.resolved());
    }

    /** 满意 + 基本满意 over the rated tickets only: an unrated close is neither satisfied nor not. */
    public OptionalDouble satisfaction() {
        return share(counts.satisfied() + counts.basically(), counts.rated());
    }

    static OptionalDouble share(long part, long whole) {
        return whole <= 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
    }
}
