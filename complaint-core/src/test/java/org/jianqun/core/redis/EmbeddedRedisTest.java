package org.jianqun.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Loopback is open to every account on the machine: the embedded Redis answers only with its password. */
class EmbeddedRedisTest {
    private static String say(int port, String command) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[256];
            int n = in.read(buf);
            return new String(buf, 0, Math.max(0, n), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void nobodyWithoutThePasswordMayWriteASessionIntoIt() throws Exception {
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            assertThat(say(redis.port(), "SET jianqun:session:forged x")).startsWith("-NOAUTH");
            assertThat(say(redis.port(), "AUTH wrong-password")).startsWith("-");
            try (RedisStore store = RedisStore.connect(redis.uri())) {
                assertThat(store.ping()).as("the platform's own connection carries the password").isTrue();
                store.sync().set("jianqun:t", "v");
                assertThat(store.sync().get("jianqun:t")).isEqualTo("v");
            }
        }
    }
}
