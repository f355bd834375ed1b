package org.jianqun.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand: the platform injects one Clock everywhere, so time is the test's to set. */
public final class MutableClock extends Clock {
    private Instant now;
    private Duration everyRead = Duration.ZERO;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    /** From now on each reading moves the clock on by {@code step}, as slow work between readings would. */
    public synchronized void advanceOnEveryRead(Duration step) {
        everyRead = step;
    }

    /** The time now, without moving the clock. */
    public synchronized Instant peek() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        Instant read = now;
        now = now.plus(everyRead);
        return read;
    }
}
