package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator signs for anyone who reaches its page: it exists only with a bridge secret the demo made up itself. */
class SimulatorExposureTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private static JianqunConfig demo(Path dataDir, String bridgeSecret) {
        Map<String, String> env = new HashMap<>(Map.of("JIANQUN_HTTP_PORT", "0", "JIANQUN_DATA_DIR", dataDir.toString()));
        if (bridgeSecret != null) {
            env.put("JIANQUN_BRIDGE_SECRET", bridgeSecret);
            env.put("JIANQUN_BRIDGE_OUTBOUND_URL", "http://127.0.0.1:9/out");
        }
        return JianqunConfig.load(ConfigSource.of(env));
    }

    private int status(Platform p, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int say(Platform p, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + "/simulator/v1/say"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void anOperatorsBridgeSecretIsNeverLentToTheSimulator(@TempDir Path dataDir) throws Exception {
        try (Platform platform = Platform.start(demo(dataDir, "an-operators-real-bridge-secret-0123"), EnumSet.of(ServiceRole.GATEWAY))) {
            assertThat(status(platform, "/simulator/v1/groups")).as("no list of people and their WeChat ids").isEqualTo(404);
            assertThat(say(platform, "{\"groupId\":\"demo-359901100201-1\",\"senderId\":\"cadre-359901100201\",\"senderName\":\"x\","
                    + "\"text\":\"认领 #1\"}")).as("no signing for anyone").isEqualTo(404);
            assertThat(status(platform, "/simulator")).isEqualTo(404);
        }
    }

    @Test
    void theDemosOwnSecretServesTheSimulator(@TempDir Path dataDir) throws Exception {
        try (Platform platform = Platform.start(demo(dataDir, null), EnumSet.of(ServiceRole.GATEWAY))) {
            assertThat(status(platform, "/simulator/v1/groups")).isEqualTo(200);
            assertThat(say(platform, "{}")).as("mounted (and asking for its fields)").isEqualTo(400);
        }
    }
}
