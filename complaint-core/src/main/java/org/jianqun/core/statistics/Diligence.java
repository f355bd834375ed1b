package org.jianqun.core.statistics;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The 勤廉指数 of each village of a scope with tickets registered in a month, with its parts and their weights shown. */
public record Diligence(String scope, YearMonth month, DiligenceWeights weights, List<Village> villages) {
    /** @param index 0..100, the weighted mean of the parts that have a basis */
    public record Village(String code, String name, long tickets, Map<DiligencePart, OptionalDouble> parts, int index) {
    }
}
