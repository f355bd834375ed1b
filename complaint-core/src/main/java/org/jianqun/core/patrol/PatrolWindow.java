package org.jianqun.core.patrol;

import java.time.Instant;
import java.util.Objects;
import org.jianqun.core.access.Actor;

/**
 * What one look at the queue asks of every source: the officer, the region to patrol ({@code scope}, the
 * officer's own or a part of it), and the time range [from, to) — the day asked for and the earlier days
 * whose items are still unreviewed. Reviews are the officer's office's ({@link #office}).
 */
public record PatrolWindow(Actor officer, String scope, Instant from, Instant to) {
    public PatrolWindow {
        Objects.requireNonNull(officer, "officer");
        Objects.requireNonNull(scope, "scope");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("an empty patrol window");
        }
    }

    /** The office whose reviews count: the officer's scope. */
    public String office() {
        return officer.scopeCode();
    }
}
