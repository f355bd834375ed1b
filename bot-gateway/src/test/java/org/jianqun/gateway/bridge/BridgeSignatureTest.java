package org.jianqun.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The bridge's freshness window at its edges, each timestamp correctly signed: only the window can refuse it. */
class BridgeSignatureTest {
    private static final long NOW = 1_772_413_200L;
    private static final BridgeSignature SIGNER =
            new BridgeSignature("bridge-test-secret-0123456789", Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    private static final byte[] BODY = "{\"messageId\":\"m\"}".getBytes(StandardCharsets.UTF_8);

    private static String problemAt(long timestamp) {
        String ts = Long.toString(timestamp);
        return SIGNER.problem(ts, SIGNER.sign(ts, BODY), BODY);
    }

    @Test
    void aSignedTimestampCountsOnlyWithin300SecondsWhateverItsSize() {
        assertThat(problemAt(NOW)).isNull();
        assertThat(problemAt(NOW - 300)).isNull();
        assertThat(problemAt(NOW + 300)).isNull();
        assertThat(problemAt(NOW - 301)).contains("300 s");
        assertThat(problemAt(NOW + 301)).contains("300 s");
        // now - 2^63 wraps round to now under abs(now - ts): it must be as stale as it looks.
        assertThat(problemAt(NOW + Long.MIN_VALUE)).contains("300 s");
        assertThat(problemAt(Long.MIN_VALUE)).contains("300 s");
        assertThat(problemAt(Long.MAX_VALUE)).contains("300 s");
        assertThat(problemAt(Long.MIN_VALUE + NOW + 1)).contains("300 s");
    }
}
