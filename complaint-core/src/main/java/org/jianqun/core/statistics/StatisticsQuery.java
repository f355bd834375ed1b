package org.jianqun.core.statistics;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A statistics table asked for: tickets registered in {@code from..to} (inclusive, Asia/Shanghai days) in the region
 * {@code scope} (a code prefix), grouped {@code by}; {@code countedOffice} is whose confidential tickets count
 * ({@code AccessPolicy.confidentialCountedFor}: empty for all but a discipline officer).
 */
public record StatisticsQuery(String scope, LocalDate from, LocalDate to, Grouping by, Optional<String> countedOffice) {
    public StatisticsQuery {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(countedOffice, "countedOffice");
        if (!scope.matches("\\d{2,12}")) {
            throw new IllegalArgumentException("a scope is a region code, not " + scope);
        }
    }
}
