package org.jianqun.core.statistics;

/**
 * The counters one ticket contributes to the statistics, or their sum over many (a {@code ticket_tally} row,
 * a group of rows). Each is a count of tickets but {@code closeDays} (working days to resolve, summed) and
 * {@code urges} (催办 messages, summed). The component order is the column order of {@code TallyMapper}.
 */
public record TallyCounts(long registered, long merged, long resolved, long withinFive, long closeDays, long overdue,
                          long toTown, long toCounty, long toCity, long satisfied, long basically, long unsatisfied,
                          long unrated, long urged, long urges, long reopened, long warned) {
    public static final TallyCounts NONE = new TallyCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public TallyCounts plus(TallyCounts o) {
        return new TallyCounts(registered + o.registered, merged + o.merged, resolved + o.resolved, withinFive + o.withinFive,
                closeDays + o.closeDays, overdue + o.overdue, toTown + o.toTown, toCounty + o.toCounty, toCity + o.toCity,
                satisfied + o.satisfied, basically + o.basically, unsatisfied + o.unsatisfied, unrated + o.unrated,
                urged + o.urged, urges + o.urges, reopened + o.reopened, warned + o.warned);
    }

    public TallyCounts negated() {
        return NONE.minus(this);
    }

    public TallyCounts minus(TallyCounts o) {
        return new TallyCounts(registered - o.registered, merged - o.merged, resolved - o.resolved, withinFive - o.withinFive,
                closeDays - o.closeDays, overdue - o.overdue, toTown - o.toTown, toCounty - o.toCounty, toCity - o.toCity,
                satisfied - o.satisfied, basically - o.basically, unsatisfied - o.unsatisfied, unrated - o.unrated,
                urged - o.urged, urges - o.urges, reopened - o.reopened, warned - o.warned);
    }

    public boolean isZero() {
        return equals(NONE);
    }

    /** The tickets a share is taken of: those registered, but for duplicates merged into another (counted there). */
    public long countable() {
        return registered - merged;
    }

    /** Tickets the complainant rated (满意, 基本满意, or a last 不满意): the satisfaction's denominator. */
    public long rated() {
        return satisfied + basically + unsatisfied;
    }
}
