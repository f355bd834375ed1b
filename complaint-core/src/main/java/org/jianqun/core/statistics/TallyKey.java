package org.jianqun.core.statistics;

import java.time.LocalDate;

/**
 * The key of a {@code ticket_tally} row: a ticket's village, registration day (Asia/Shanghai), category,
 * current level (its enum name, as the ticket table stores it) and office ({@link #ORDINARY} for an ordinary
 * ticket, else the discipline office a real-name report is routed to).
 */
public record TallyKey(String villageCode, LocalDate regDay, String category, String level, String office) implements Comparable<TallyKey> {
    public static final String ORDINARY = "";

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
