package org.jianqun.core.http;

import java.time.Duration;

/**
 * How long the HTTP server waits for a client, and for how many. A value, so tests can shorten them.
 *
 * @param headerTimeout      a request's headers must be complete within this of the connection opening or of the
 *                           previous answer; it is also how long an idle keep-alive connection stays open
 * @param bodyTimeout        a request's body must be complete within this of its headers, plus one second for every
 *                           {@code minBodyBytesPerSecond} already received (a large upload at a fair rate finishes,
 *                           a trickle does not)
 * @param idleTimeout        a connection with nothing read or written for this long is closed whatever it is doing
 *                           (a peer that stops reading its answer); longer than any handler takes
 * @param maxConnections     open connections per process; more are closed as they arrive
 */
public record HttpLimits(Duration headerTimeout, Duration bodyTimeout, long minBodyBytesPerSecond, Duration idleTimeout,
                         int maxConnections) {
    public static final HttpLimits DEFAULTS = new HttpLimits(Duration.ofSeconds(20), Duration.ofSeconds(20), 64 * 1024,
            Duration.ofMinutes(5), 4_000);

    public HttpLimits {
        if (headerTimeout.isNegative() || headerTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()
                || idleTimeout.isNegative() || idleTimeout.isZero() || minBodyBytesPerSecond < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("HTTP limits must be positive: " + this);
        }
    }

    public HttpLimits withTimeouts(Duration header, Duration body, Duration idle) {
        return new HttpLimits(header, body, minBodyBytesPerSecond, idle, maxConnections);
    }

    public HttpLimits withMaxConnections(int max) {
        return new HttpLimits(headerTimeout, bodyTimeout, minBodyBytesPerSecond, idleTimeout, max);
    }
}
