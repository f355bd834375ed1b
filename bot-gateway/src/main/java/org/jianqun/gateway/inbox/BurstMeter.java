package org.jianqun.gateway.inbox;

import java.util.function.LongSupplier;

/**
 * Tells a burst from steady traffic by how many messages were stored in the current and the last
 * whole second. In a burst the gateway puts acknowledging first (processing takes small bites,
 * replies wait); steady traffic, however constant, is processed and answered at once. A province's
 * groups together send on the order of 20 messages a second on an ordinary day, so "a write in the
 * last 200 ms", the first rule here, held all day long and starved the replies; a rate cannot.
 */
public final class BurstMeter {
    /**
     * Messages stored in one second from which it is a burst: twenty times a province's ordinary
     * rate, and well under what the acknowledge path takes (BENCHMARKS.md), so below it the processor
     * and the outbox can have their share of the cores without slowing the answers to WeChat.
     */
    public static final int BURST_PER_SECOND = 500;
    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private final int threshold;
    private long windowStart;
    private int thisSecond;
    private int lastSecond;

    public BurstMeter(LongSupplier nanoTime) {
        this(nanoTime, BURST_PER_SECOND);
    }

    BurstMeter(LongSupplier nanoTime, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1 message a second, got " + threshold);
        }
        this.nanoTime = nanoTime;
        this.threshold = threshold;
        this.windowStart = nanoTime.getAsLong();
    }

    /** Counts {@code messages} just stored (once per written batch, so the lock is taken rarely). */
    public synchronized void stored(int messages) {
        roll();
        thisSecond += messages;
    }

    /** True while this second or the last whole one reached the burst rate. */
    public synchronized boolean inBurst() {
        roll();
        return thisSecond >= threshold || lastSecond >= threshold;
    }

    private void roll() {
        long elapsed = nanoTime.getAsLong() - windowStart;
        if (elapsed < SECOND) {
            return;
        }
        lastSecond = elapsed < 2 * SECOND ? thisSecond : 0;
        thisSecond = 0;
        windowStart += (elapsed / SECOND) * SECOND;
    }
}
