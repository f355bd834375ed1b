package org.jianqun.core.statistics;

import java.time.LocalDate;
import java.util.Map;

/**
 * How many clues (线索) were opened about each village in a period: the clue library's to answer (its table is
 * the patrol work's). Until it is wired in, {@link #NONE} counts none, and the index's clue part weighs 0 by default.
 */
public interface ClueCounts {
    ClueCounts NONE = (scope, from, to) -> Map.of();

    /** Village code → clues opened about it from {@code from} to {@code to}, within the region {@code scope}. */
    Map<String, Integer> perVillage(String scope, LocalDate from, LocalDate to);
}
