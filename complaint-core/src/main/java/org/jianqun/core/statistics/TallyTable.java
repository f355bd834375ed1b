package org.jianqun.core.statistics;

import java.time.LocalDate;
import java.util.Set;

/**
 * The three tables the desk keeps the same contributions in (see {@link TicketTally#apply}), each answering some
 * groupings of some scopes: the daily tally any, for partial months and narrow scopes; the roll-ups whole months.
 */
enum TallyTable {
    DAY("ticket_tally", "reg_day", "village_code", Set.of(Grouping.values())),
    VILLAGE_MONTH("ticket_tally_month", "reg_month", "village_code", Set.of(Grouping.VILLAGE, Grouping.TOWN, Grouping.MONTH)),
    COUNTY_MONTH("ticket_tally_county_month", "reg_month", "county_code", Set.of(Grouping.CATEGORY, Grouping.LEVEL, Grouping.MONTH));

    private final String table;
    private final String periodColumn;
    private final String areaColumn;
    private final Set<Grouping> groupings;

    TallyTable(String table, String periodColumn, String areaColumn, Set<Grouping> groupings) {
        this.table = table;
        this.periodColumn = periodColumn;
        this.areaColumn = areaColumn;
        this.groupings = groupings;
    }

    String table() {
        return table;
    }

    String periodColumn() {
        return periodColumn;
    }

    String areaColumn() {
        return areaColumn;
    }

    /** The monthly table for whole months of {@code by} in {@code scope}: a town's or a village's categories read the days. */
    static TallyTable forMonths(Grouping by, String scope) {
        if (VILLAGE_MONTH.groupings.contains(by)) {
            return VILLAGE_MONTH;
        }
        return scope.length() <= COUNTY_MONTH_WIDEST_SCOPE ? COUNTY_MONTH : DAY;
    }

    /** A county's code length: the county roll-up sums no finer. */
    private static final int COUNTY_MONTH_WIDEST_SCOPE = 6;

    /** The SQL value of a period bound in this table: a day, or its month 'YYYY-MM'. */
    Object bound(LocalDate day) {
        return this == DAY ? day : TallyKey.monthOf(day);
    }
}
