package org.jianqun.core.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import org.jianqun.core.organisation.RegionLevel;

/**
 * The key of a {@code ticket_tally} row: a ticket's village, registration day (Asia/Shanghai), category,
 * current level (its enum name, as the ticket table stores it) and office ({@link #ORDINARY} for an ordinary
 * ticket, else the discipline office a real-name report is routed to).
 */
public record TallyKey(String villageCode, LocalDate regDay, String category, String level, String office) implements Comparable<TallyKey> {
    public static final String ORDINARY = "";

    /** The key of the village-month roll-up ({@code ticket_tally_month}) this row sums into. */
    public VillageMonth villageMonth() {
        return new VillageMonth(monthOf(regDay), villageCode, office);
    }

    /** The key of the county-month roll-up ({@code ticket_tally_county_month}) this row sums into. */
    public CountyMonth countyMonth() {
        return new CountyMonth(monthOf(regDay), villageCode.substring(0, RegionLevel.COUNTY.codeLength()), category, level, office);
    }

    /** 'YYYY-MM', the roll-ups' month and the month grouping's key. */
    public static String monthOf(LocalDate day) {
        return YearMonth.from(day).toString();
    }

    /** Written in key order, as the daily rows are. */
    public record VillageMonth(String month, String villageCode, String office) implements Comparable<VillageMonth> {
        @Override
        public int compareTo(VillageMonth o) {
            return ORDER.compare(this, o);
        }

        private static final Comparator<VillageMonth> ORDER = Comparator.comparing(VillageMonth::month)
                .thenComparing(VillageMonth::villageCode).thenComparing(VillageMonth::office);
    }

    public record CountyMonth(String month, String countyCode, String category, String level, String office) implements Comparable<CountyMonth> {
        @Override
        public int compareTo(CountyMonth o) {
            return ORDER.compare(this, o);
        }

        private static final Comparator<CountyMonth> ORDER = Comparator.comparing(CountyMonth::month)
                .thenComparing(CountyMonth::countyCode).thenComparing(CountyMonth::category).thenComparing(CountyMonth::level)
                .thenComparing(CountyMonth::office);
    }

    /** Writes lock tally rows in this order, so two transactions touching the same rows cannot deadlock. */
    @Override
    public int compareTo(TallyKey o) {
        int c = villageCode.compareTo(o.villageCode);
        if (c == 0) {
            c = regDay.compareTo(o.regDay);
        }
        if (c == 0) {
            c = category.compareTo(o.category);
        }
        if (c == 0) {
            c = level.compareTo(o.level);
        }
        return c != 0 ? c : office.compareTo(o.office);
    }
}
