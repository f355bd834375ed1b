package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's first command as a newcomer runs it: {@code java -jar launcher/target/jianqun.jar run}
 * on the embedded default (H2 + embedded Redis, demo county), as its own process with only the shipped
 * {@code lib/}. Then the first walkthrough through the simulator: a villager reports, the cadre escalates,
 * and the town's officers read it in their work group.
 */
class PackagedPlatformIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process platform;
    private Path dataDir;
    private Path log;
    private String base;

    @BeforeEach
    void start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        dataDir = Files.createTempDirectory("jianqun-it");
        log = dataDir.resolve("platform.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "jianqun.jar").toAbsolutePath().toString(), "run")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("JIANQUN_"));
        builder.environment().put("JIANQUN_HTTP_PORT", Integer.toString(port));
        builder.environment().put("JIANQUN_DATA_DIR", dataDir.toString());
        builder.environment().put("JIANQUN_LOG_LEVEL", "WARN");
        platform = builder.start();
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            assertThat(platform.isAlive()).as("the platform exited: %s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("up within 120 s: %s", Files.readString(log)).isLessThan(until);
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        platform.destroy();
        if (!platform.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            platform.destroyForcibly();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void say(String group, String senderId, String senderName, String text) throws IOException, InterruptedException {
        String body = new JsonObject().put("groupId", group).put("senderId", senderId).put("senderName", senderName).put("text", text).encode();
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/simulator/v1/say"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    }

    /** Waits until the bot has said something containing {@code expected} in the group; returns it. */
    private String botSays(String group, String expected) throws IOException, InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < until) {
            JsonArray items = new JsonObject(get("/simulator/v1/groups/" + group + "/feed?after=0").body()).getJsonArray("items");
            seen.clear();
            for (int i = 0; i < items.size(); i++) {
                JsonObject item = items.getJsonObject(i);
                if (!"said".equals(item.getString("kind"))) {
                    seen.add(item.getString("text"));
                    if (item.getString("text").contains(expected)) {
                        return item.getString("text");
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the bot never said '" + expected + "' in " + group + "; it said " + seen);
    }

    @Test
    void theFirstWalkthroughWorksOnTheShippedJar() throws IOException, InterruptedException {
        JsonArray groups = new JsonObject(get("/simulator/v1/groups").body()).getJsonArray("groups");
        assertThat(groups.size()).isEqualTo(30);

        String village = "demo-359901100201-1";
        say(village, "villager-359901100201-1", "东岭村村民甲（示范）", "#反映 村口路灯坏了三个月");
        String registered = botSays(village, "已登记工单 #");
        String no = registered.replaceAll("(?s).*已登记工单 #(\\d+).*", "$1");

        say(village, "cadre-359901100201", "东岭村村干部（示范）", "上报 #" + no + " 需镇里协调电力公司");
        String town = "demo-359901100-officers";
        assertThat(botSays(town, "工单 #" + no + "（东岭村")).as("the town hears which village and what about")
                .contains("村口路灯坏了三个月", "已上报至镇级", "请认领").doesNotContain("村民甲");
        say(town, "officer-359901100", "东岭镇办事员（示范）", "认领 #" + no);
        assertThat(botSays(town, "已认领工单 #" + no)).as("answered where it was sent").contains("镇级");
        assertThat(botSays(village, "已由 东岭镇办事员（示范） 认领")).contains("#" + no);
    }
}
