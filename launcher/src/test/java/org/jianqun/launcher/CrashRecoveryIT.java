package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.gateway.bridge.BridgeSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * DESIGN.md: "an acknowledged message survives kill -9", on the embedded default as on MariaDB. The
 * shipped jar runs as a child process; signed bridge messages go in 8 at a time; once 900 are
 * acknowledged and some registrations were announced, the process is killed with SIGKILL in full
 * flow, restarted on the same data, and given a second round of reports. Then: every acknowledged
 * message is stored and processed once, and no ticket number announced before the kill was lost or
 * handed to another complaint.
 */
class CrashRecoveryIT {
    private static final String SECRET = "crash-test-bridge-secret-0123456789";
    private static final List<String> GROUPS = List.of("demo-359901100201-1", "demo-359901100202-1", "demo-359901101201-1",
            "demo-359901102203-1");
    private static final Pattern REGISTERED = Pattern.compile("已登记工单 #(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final BridgeSignature signer = new BridgeSignature(SECRET);
    /** Registrations announced to the groups: delivery id → (group, ticket number). */
    private final Map<String, Announcement> announced = new ConcurrentHashMap<>();
    private HttpServer bridge;
    private Path dataDir;
    private Process platform;
    private String base;

    private record Announcement(String group, long ticket) {
    }

    @BeforeEach
    void farEndOfTheBridge() throws IOException {
        dataDir = Files.createTempDirectory("jianqun-crash");
        bridge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bridge.createContext("/out", exchange -> {
            JsonObject delivery = new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Matcher m = REGISTERED.matcher(delivery.getString("text", ""));
            if (m.find()) {
                announced.put(delivery.getString("deliveryId"), new Announcement(delivery.getString("groupId"), Long.parseLong(m.group(1))));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        bridge.start();
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        if (platform != null && platform.isAlive()) {
            platform.destroy();
            if (!platform.waitFor(20, TimeUnit.SECONDS)) {
                platform.destroyForcibly();
            }
        }
        bridge.stop(0);
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theEmbeddedDefaultKeepsEveryAcknowledgedMessageAndTicketNumberThroughKill9() throws Exception {
        crashAndCheck(Map.of(), () -> Database.open(EmbeddedDatabase.settings(dataDir), 2));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "JIANQUN_TEST_DB_URL", matches = ".+")
    void mariaDbKeepsThemToo() throws Exception {
        try (TestDatabase db = TestDatabase.freshMariaDb()) {
            DatabaseSettings s = db.settings();
            crashAndCheck(Map.of("JIANQUN_DB_URL", s.url(), "JIANQUN_DB_USER", s.user(), "JIANQUN_DB_PASSWORD", s.password(),
                    "JIANQUN_PROFILE", "demo"), () -> Database.open(s, 2));
        }
    }

    private interface Opener {
        Database open();
    }

    private void crashAndCheck(Map<String, String> backend, Opener opener) throws Exception {
        start(backend);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            senders.execute(() -> {
                while (sending.get()) {
                    int n = next.getAndIncrement();
                    if (n >= 20_000) {
                        return;
                    }
                    String id = "crash-" + n;
                    try {
                        if (send(id, GROUPS.get(n % GROUPS.size()), n % 5 == 0) == 200) {
                            acked.add(id);
                        }
                    } catch (IOException e) {
                        // the kill: a request in flight is not acknowledged, and need not be kept
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while ((acked.size() < 900 || announced.size() < 5) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        platform.destroyForcibly(); // SIGKILL: no shutdown hook, no final flush
        sending.set(false);
        platform.waitFor();
        senders.shutdown();
        assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        Map<String, Announcement> beforeKill = new HashMap<>(announced);
        assertThat(acked).as("acknowledged before the kill").hasSizeGreaterThanOrEqualTo(900);
        assertThat(beforeKill).as("registrations announced before the kill").isNotEmpty();

        start(backend);
        Set<String> afterwards = new HashSet<>();
        for (int n = 0; n < 40; n++) {
            String id = "after-" + n;
            assertThat(send(id, GROUPS.get(n % GROUPS.size()), true)).isEqualTo(200);
            afterwards.add(id);
        }

        try (Database db = opener.open(); Connection c = db.dataSource().getConnection()) {
            long drainedBy = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            for (long left; (left = count(c, "SELECT COUNT(*) FROM inbox_message WHERE status = 'RECEIVED'")) > 0; Thread.sleep(250)) {
                long waiting = left;
                // Once seen failing on a loaded machine and passing alone: the failure keeps what the platform said.
                assertThat(System.nanoTime()).as(() -> "the inbox drains after the restart within 180 s: " + waiting
                        + " messages still RECEIVED; the platform's log ends with:\n" + logTail()).isLessThan(drainedBy);
            }
            Map<String, Stored> stored = stored(c);
            List<String> missing = new ArrayList<>();
            List<String> unprocessed = new ArrayList<>();
            Set<String> all = new HashSet<>(acked);
            all.addAll(afterwards);
            for (String id : all) {
                Stored s = stored.get(id);
                if (s == null) {
                    missing.add(id);
                } else if (!s.status().equals("PROCESSED")) {
                    unprocessed.add(id + " " + s.status());
                }
            }
            assertThat(missing).as("acknowledged (%d) but not stored after kill -9", all.size()).isEmpty();
            assertThat(unprocessed).as("acknowledged but not processed").isEmpty();

            // Processed once: one ticket per stored report, never two numbers for one or one for two.
            Map<Long, String> reportOfTicket = new HashMap<>();
            for (Map.Entry<String, Stored> e : stored.entrySet()) {
                if (e.getValue().report()) {
                    assertThat(e.getValue().ticket()).as("%s became a ticket", e.getKey()).isNotNull();
                    assertThat(reportOfTicket.put(e.getValue().ticket(), e.getKey())).as("ticket #%d given twice", e.getValue().ticket()).isNull();
                }
            }
            assertThat(count(c, "SELECT COUNT(*) FROM ticket")).as("no report processed twice").isEqualTo(reportOfTicket.size());

            // A number announced before the kill still means the complaint it was announced for.
            for (Announcement a : beforeKill.values()) {
                String report = reportOfTicket.get(a.ticket());
                assertThat(report).as("ticket #%d was announced, then lost", a.ticket()).isNotNull();
                assertThat(acked).as("ticket #%d announced for a message of this run before the kill, now %s", a.ticket(), report)
                        .contains(report);
                assertThat(stored.get(report).group()).as("ticket #%d is the complaint of the group it was announced in", a.ticket())
                        .isEqualTo(a.group());
            }
            for (String id : afterwards) {
                assertThat(beforeKill.values()).as("a number announced before the kill handed out again to %s", id)
                        .noneMatch(a -> a.ticket() == stored.get(id).ticket());
            }
        }
    }

    private record Stored(String group, String status, boolean report, Long ticket) {
    }

    private static Map<String, Stored> stored(Connection c) throws SQLException {
        Map<String, Stored> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT message_id, group_id, status, text, ticket_no FROM inbox_message WHERE channel = 'BRIDGE'")) {
            while (rs.next()) {
                long ticket = rs.getLong(5);
                out.put(rs.getString(1), new Stored(rs.getString(2), rs.getString(3), rs.getString(4).startsWith("#反映"),
                        rs.wasNull() ? null : ticket));
            }
        }
        return out;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int send(String id, String group, boolean report) throws IOException, InterruptedException {
        byte[] body = new JsonObject().put("messageId", id).put("groupId", group)
                .put("sender", new JsonObject().put("id", "crash-villager-" + Math.floorMod(id.hashCode(), 50)).put("name", "测试村民"))
                .put("type", "text").put("text", report ? "#反映 测试诉求 " + id + "：水渠堵了" : "群聊消息 " + id)
                .put("sentAt", Instant.now().toString()).encode().getBytes(StandardCharsets.UTF_8);
        String ts = signer.timestampNow();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/bridge/v1/messages")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(BridgeSignature.TIMESTAMP_HEADER, ts)
                .header(BridgeSignature.SIGNATURE_HEADER, signer.sign(ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The last 80 lines of both runs' platform log (it is deleted with the data directory after the test). */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("platform.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(the platform's log could not be read: " + e + ")";
        }
    }

    private void start(Map<String, String> backend) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Path log = dataDir.resolve("platform.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "jianqun.jar").toAbsolutePath().toString(), "run", "--roles", "gateway")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("JIANQUN_"));
        builder.environment().put("JIANQUN_HTTP_PORT", Integer.toString(port));
        builder.environment().put("JIANQUN_DATA_DIR", dataDir.toString());
        builder.environment().put("JIANQUN_LOG_LEVEL", "WARN");
        builder.environment().put("JIANQUN_BRIDGE_SECRET", SECRET);
        builder.environment().put("JIANQUN_BRIDGE_OUTBOUND_URL", "http://127.0.0.1:" + bridge.getAddress().getPort() + "/out");
        builder.environment().putAll(backend);
        platform = builder.start();
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            assertThat(platform.isAlive()).as("the platform exited: %s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("up within 120 s: %s", Files.readString(log)).isLessThan(until);
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
    }
}
