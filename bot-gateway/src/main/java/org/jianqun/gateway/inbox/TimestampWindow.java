package org.jianqun.gateway.inbox;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a channel's signed timestamp (unix seconds) may be from now: within ±{@code halfWidth}, edges
 * included. Compared as bounds around now, never as {@code abs(now - ts)}: that difference overflows for a
 * timestamp near {@code Long.MIN_VALUE} and wraps to a "fresh" one. The bounds cannot overflow, since an
 * {@link Instant}'s seconds are within ±2^55.
 */
public record TimestampWindow(Duration halfWidth) {
    public TimestampWindow {
        if (halfWidth.isNegative()) {
            throw new IllegalArgumentException("a window's half-width is not negative");
        }
    }

    public boolean admits(Instant now, long epochSeconds) {
        long nowSeconds = now.getEpochSecond();
        long width = halfWidth.toSeconds();
        return epochSeconds >= nowSeconds - width && epochSeconds <= nowSeconds + width;
    }
}
