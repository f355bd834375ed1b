package org.jianqun.core.statistics;

import java.util.OptionalDouble;

/**
 * The parts of the 勤廉指数, each a score 0..1 for one village's month (higher is better), with its default weight.
 * A part without a basis (no ticket rated, say) is left out and the others' weights fill its place.
 */
public enum DiligencePart {
    /** 及时: resolved within 5 working days, over the countable tickets. */
    TIMELINESS("timeliness", "及时办结", 25),
    /** 办结: resolved at all, over the countable tickets. */
    CLOSURE("closure", "办结率", 20),
    /** 满意: 满意 + 基本满意 over the rated. */
    SATISFACTION("satisfaction", "满意度", 20),
    /** 催办: one less the share of tickets urged. */
    URGING("urging", "无催办", 10),
    /** 重办: one less the share reopened by a 不满意. */
    REOPENING("reopening", "无重办", 10),
    /** 预警: one less the share that turned orange or red. */
    WARNINGS("warnings", "无预警", 15),
    /**
     * 线索: one less the matters with clues about the village per countable ticket (at most 1), read from the clue
     * library through {@link ClueCounts}; in a discipline officer's view only (for others it has no basis).
     */
    CLUES("clues", "无问题线索", 10);

    private final String wireName;
    private final String label;
    private final int defaultWeight;

    DiligencePart(String wireName, String label, int defaultWeight) {
        this.wireName = wireName;
        this.label = label;
        this.defaultWeight = defaultWeight;
    }

    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    int defaultWeight() {
        return defaultWeight;
    }

    OptionalDouble score(TallyCounts c, long clues) {
        long n = c.countable();
        return switch (this) {
            case TIMELINESS -> Figures.share(c.withinFive(), n);
            case CLOSURE -> Figures.share(c.resolved(), n);
            case SATISFACTION -> Figures.share(c.satisfied() + c.basically(), c.rated());
            case URGING -> inverse(Figures.share(c.urged(), n));
            case REOPENING -> inverse(Figures.share(c.reopened(), n));
            case WARNINGS -> inverse(Figures.share(c.warned(), n));
            case CLUES -> n <= 0 && clues == 0 ? OptionalDouble.empty() : OptionalDouble.of(1 - Math.min(1.0, (double) clues / Math.max(1, n)));
        };
    }

    private static OptionalDouble inverse(OptionalDouble share) {
        return share.isPresent() ? OptionalDouble.of(1 - share.getAsDouble()) : share;
    }
}
