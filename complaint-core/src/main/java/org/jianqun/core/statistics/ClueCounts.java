package org.jianqun.core.statistics;

import java.time.LocalDate;
import java.util.Map;

/**
 * How many matters clues (线索) were opened about in each village in a period, as a discipline office may know them:
 * the clue library answers ({@code org.jianqun.core.clues.VillageClueCounts}). Clues are the discipline officers'
 * alone, so the index's clue part is in their view only; {@link #NONE} counts none (tests, benchmarks).
 */
public interface ClueCounts {
    ClueCounts NONE = (scope, from, to, office) -> Map.of();

    /** Village code → matters with clues made from {@code from} to {@code to} about villages of {@code scope}, known to {@code office}. */
    Map<String, Integer> perVillage(String scope, LocalDate from, LocalDate to, String office);
}
