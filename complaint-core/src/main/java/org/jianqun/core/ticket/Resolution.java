package org.jianqun.core.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * The handler's result while the ticket waits for the complainant's rating.
 *
 * @param reminded whether the rating request has been repeated (it is, once: 双反馈一回访)
 */
public record Resolution(String result, Instant at, boolean reminded) {
    public Resolution {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(at, "at");
    }
}
