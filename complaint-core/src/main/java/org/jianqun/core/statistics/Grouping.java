package org.jianqun.core.statistics;

import java.util.Optional;

/** What a statistics table is grouped by ({@code by=}), and the SQL expression that groups a tally table by it. */
public enum Grouping {
    VILLAGE("village", "village_code"),
    TOWN("town", "SUBSTRING(village_code, 1, 9)"),
    CATEGORY("category", "category"),
    LEVEL("level", "level"),
    MONTH("month", "CONCAT(EXTRACT(YEAR FROM reg_day), '-', LPAD(EXTRACT(MONTH FROM reg_day), 2, '0'))");

    public static final String WIRE_NAMES = "village|town|category|level|month";

    private final String wireName;
    private final String sql;

    Grouping(String wireName, String sql) {
        this.wireName = wireName;
        this.sql = sql;
    }

    public String wireName() {
        return wireName;
    }

    /** The expression on {@code table}: a monthly roll-up has its month as a column. */
    String sql(TallyTable table) {
        return this == MONTH && table != TallyTable.DAY ? "reg_month" : sql;
    }

    public static Optional<Grouping> fromWire(String value) {
        for (Grouping g : values()) {
            if (g.wireName.equals(value)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
