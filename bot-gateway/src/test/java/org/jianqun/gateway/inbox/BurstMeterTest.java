package org.jianqun.gateway.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Bursts against steady traffic, on a clock the test moves. */
class BurstMeterTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(5_000 * MS);
    private final BurstMeter meter = new BurstMeter(now::get);

    @Test
    void aWholeDayOfSteadyTrafficIsNeverABurst() {
        // A province's busy hour and then some: 100 messages a second, one batch every 10 ms, for ten minutes.
        for (int tick = 0; tick < 60_000; tick++) {
            meter.stored(1);
            now.addAndGet(10 * MS);
            assertThat(meter.inBurst()).as("after %d ms", tick * 10).isFalse();
        }
    }

    @Test
    void aBurstStartsAtTheRateAndEndsWithinTwoQuietSeconds() {
        meter.stored(BurstMeter.BURST_PER_SECOND - 1);
        assertThat(meter.inBurst()).isFalse();
        now.addAndGet(300 * MS);
        meter.stored(1);
        assertThat(meter.inBurst()).as("%d within one second", BurstMeter.BURST_PER_SECOND).isTrue();
        now.addAndGet(900 * MS);
        assertThat(meter.inBurst()).as("the last whole second was a burst").isTrue();
        now.addAndGet(1_000 * MS);
        assertThat(meter.inBurst()).as("two quiet seconds later").isFalse();
    }

    @Test
    void aLongSilenceForgetsTheLastBurst() {
        meter.stored(10_000);
        assertThat(meter.inBurst()).isTrue();
        now.addAndGet(3_600_000 * MS);
        assertThat(meter.inBurst()).isFalse();
        meter.stored(1);
        assertThat(meter.inBurst()).isFalse();
    }

    @Test
    void aThresholdBelowOneIsRefused() {
        assertThatThrownBy(() -> new BurstMeter(now::get, 0)).hasMessageContaining("at least 1 message a second, got 0");
    }
}
