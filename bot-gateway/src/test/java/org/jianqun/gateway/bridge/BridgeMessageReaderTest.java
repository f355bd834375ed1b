package org.jianqun.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/** The quick sentAt reader decides exactly as {@link Instant#parse} does. */
class BridgeMessageReaderTest {
    @Test
    void sentAtReadsAsInstantParseReadsIt() {
        for (String text : new String[] {"2026-03-02T09:00:00Z", "2026-03-02T09:00:00.1Z", "2026-03-02T09:00:00.123Z",
                "2026-03-02T09:00:00.123456789Z", "2026-12-31T23:59:59.999Z", "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
                "1970-01-01T00:00:00.000000001Z", "2026-03-02T09:00:00+08:00", "2026-03-02T09:00:00z", "2026-03-02T24:00:00Z",
                "2026-06-30T23:59:60Z", "+12026-03-02T09:00:00Z", "2026-03-02T09:00:00.Z"}) {
            assertThat(BridgeMessageReader.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void whatInstantParseRefusesIsRefused() {
        for (String text : new String[] {"2026-02-29T09:00:00Z", "2026-04-31T09:00:00Z", "2026-13-02T09:00:00Z", "2026-03-02T09:60:00Z",
                "2026-03-02T09:00:00.1234567890Z", "2026-03-02 09:00:00Z", "2026-03-0２T09:00:00Z",
                "2026-03-02T09:00:00", "yesterday", "2026-03-02T09:00:00ZZ", "-026-03-02T09:00:00Z"}) {
            assertThatThrownBy(() -> Instant.parse(text)).as("Instant.parse " + text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> BridgeMessageReader.instant(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void aSentAtTheDatabaseCannotHoldIsRefusedNamingTheField() {
        for (String sentAt : new String[] {"+10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z"}) {
            assertThatThrownBy(() -> BridgeMessageReader.read(body(sentAt))).as(sentAt).isInstanceOf(BridgeMessageReader.Rejected.class)
                    .satisfies(e -> assertThat(((BridgeMessageReader.Rejected) e).field()).isEqualTo("sentAt"));
        }
        for (String sentAt : new String[] {"2000-01-01T00:00:00Z", "2026-03-02T09:00:00+08:00", "2099-12-31T23:59:59.999Z"}) {
            assertThat(BridgeMessageReader.read(body(sentAt)).sentAt()).as(sentAt).isEqualTo(Instant.parse(sentAt));
        }
    }

    private static byte[] body(String sentAt) {
        return ("{\"messageId\":\"m-1\",\"groupId\":\"g-1\",\"sender\":{\"id\":\"wx-1\",\"name\":\"村民甲\"},\"type\":\"text\","
                + "\"text\":\"你好\",\"sentAt\":\"" + sentAt + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
