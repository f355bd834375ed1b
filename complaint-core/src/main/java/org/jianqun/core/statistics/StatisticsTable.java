package org.jianqun.core.statistics;

import java.util.List;

/** The answer to a {@link StatisticsQuery}: a row per group, the totals, the top categories and the common problems. */
public record StatisticsTable(StatisticsQuery query, List<Row> rows, TallyCounts totals, List<Row> topCategories,
                              List<CommonProblems.Problem> commonProblems) {
    /** One group: its key (a code, category, level name or month), its name as people say it (a region's name, else the key). */
    public record Row(String key, String name, TallyCounts counts) {
        public Figures figures() {
            return new Figures(counts);
        }
    }

    public Figures totalFigures() {
        return new Figures(totals);
    }
}
