import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jianqun.gateway.bridge.BridgeMessageReader;
import org.jianqun.gateway.bridge.BridgeSignature;

/**
 * Load generator for the bridge webhook (run by scripts/bench-gateway; own process, loopback only,
 * bounded in count and time). Sends N signed messages with at most C in flight, prints acknowledged
 * messages per second and latency percentiles, then times a crypto-and-parse-only loop (sign, verify,
 * read) over the same messages in this process, for the ratio. With an ack log, writes every
 * acknowledged message id (the kill -9 check reads it).
 *
 * Usage: GatewayLoad BASE_URL SECRET COUNT CONCURRENCY RUN_ID [ACK_LOG]   (JDK client; the kill -9 check uses its log)
 *        GatewayLoad --prepare FILE SECRET COUNT RUN_ID   (lines "path TAB ts TAB sig TAB body" for wrk-replay.lua)
 *        GatewayLoad --prepare-aibot FILE TOKEN AES_KEY COUNT RUN_ID RESPONSE_BASE   (WeCom-encrypted robot callbacks, same line format)
 *        GatewayLoad --crypto SECRET COUNT [END_TO_END_RATE]
 *        GatewayLoad --check JDBC_URL USER PASSWORD_FILE ACK_LOG   (waits for the inbox to drain, then the kill -9 check's counts)
 */
public final class GatewayLoad {
    static final List<String> GROUPS = List.of("demo-359901100201-1", "demo-359901100202-1", "demo-359901101201-1", "demo-359901102203-1");

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--prepare")) {
            BridgeSignature signer = new BridgeSignature(args[2]);
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
                String ts = signer.timestampNow();
                for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                    byte[] body = body(args[4], i);
                    out.print("/bridge/v1/messages\t" + ts + "\t" + signer.sign(ts, body) + "\t");
                    out.println(new String(body, StandardCharsets.UTF_8));
                }
            }
            return;
        }
        if (args[0].equals("--prepare-aibot")) {
            prepareAibot(Path.of(args[1]), args[2], args[3], Integer.parseInt(args[4]), args[5], args[6]);
            return;
        }
        if (args[0].equals("--check")) {
            check(args[1], args[2], Files.readString(Path.of(args[3])).trim(), Path.of(args[4]));
            return;
        }
        if (args[0].equals("--crypto")) {
            cryptoOnly(new BridgeSignature(args[1]), Integer.parseInt(args[2]), args.length > 3 ? Double.parseDouble(args[3]) : 0);
            return;
        }
        String base = args[0];
        BridgeSignature signer = new BridgeSignature(args[1]);
        int count = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        String run = args[4];
        PrintWriter ackLog = args.length > 5 ? new PrintWriter(Files.newBufferedWriter(Path.of(args[5]), StandardCharsets.UTF_8), true) : null;

        byte[][] bodies = new byte[count][];
        for (int i = 0; i < count; i++) {
            bodies[i] = body(run, i);
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(base + "/bridge/v1/messages");
        Semaphore window = new Semaphore(concurrency);
        long[] latencies = new long[count];
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastAck = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(3).toNanos();
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            if (System.nanoTime() > deadline || failed.get() > 1000) {
                all = Arrays.copyOf(all, i);
                break;
            }
            window.acquire();
            int n = i;
            String ts = signer.timestampNow();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(BridgeSignature.TIMESTAMP_HEADER, ts)
                    .header(BridgeSignature.SIGNATURE_HEADER, signer.sign(ts, bodies[n]))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[n])).build();
            long sent = System.nanoTime();
            all[i] = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                window.release();
                latencies[n] = System.nanoTime() - sent;
                if (e != null) {
                    if (failed.incrementAndGet() == 1) {
                        System.out.println("first failure: " + e);
                    }
                } else if (r.statusCode() == 200) {
                    acked.incrementAndGet();
                    lastAck.set(System.nanoTime());
                    if (ackLog != null) {
                        synchronized (ackLog) {
                            ackLog.println(run + "-" + n + (n % 5 == 0 ? " report" : " talk"));
                        }
                    }
                } else {
                    refused.incrementAndGet();
                }
            });
        }
        try {
            CompletableFuture.allOf(all).join();
        } catch (RuntimeException connectionLost) {
            // the kill -9 run: requests in flight fail; what was acknowledged is in the log
        }
        double seconds = (Math.max(lastAck.get(), start + 1) - start) / 1e9;
        long[] done = Arrays.stream(latencies, 0, all.length).filter(l -> l > 0).sorted().toArray();
        System.out.printf("sent %d, acknowledged %d, pushed back %d, failed %d%n", all.length, acked.get(), refused.get(), failed.get());
        System.out.printf("acknowledged/s %.0f over %.2f s (concurrency %d)%n", acked.get() / seconds, seconds, concurrency);
        if (done.length > 0) {
            System.out.printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", pct(done, 50), pct(done, 95), pct(done, 99),
                    done[done.length - 1] / 1e6);
        }
        if (ackLog != null) {
            ackLog.close();
        }

    }

    /**
     * The same messages through signature check and parsing only, one thread: the ceiling without HTTP
     * and storage. With the end-to-end rate given, prints the ratio.
     */
    static void cryptoOnly(BridgeSignature signer, int count, double endToEnd) {
        byte[][] bodies = new byte[count][];
        for (int i = 0; i < count; i++) {
            bodies[i] = body("crypto", i);
        }
        int loops = count;
        // The same messages through signature check and parsing only, in this process: the ceiling without HTTP and storage.
        String ts = signer.timestampNow();
        String[] sigs = new String[loops];
        for (int i = 0; i < loops; i++) {
            sigs[i] = signer.sign(ts, bodies[i]);
        }
        long t0 = System.nanoTime();
        int ok = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < loops; i++) {
                if (signer.problem(ts, sigs[i], bodies[i]) == null && BridgeMessageReader.read(bodies[i]) != null) {
                    ok++;
                }
            }
        }
        double loopRate = ok / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("crypto-and-parse only: %.0f messages/s on one thread", loopRate);
        System.out.println(endToEnd > 0 ? String.format("; end-to-end (%.0f/s) is %.1f%% of it", endToEnd, 100 * endToEnd / loopRate) : "");
    }

    /**
     * WeCom intelligent-robot callbacks, sealed with WxJava's own crypto and signed as WeCom signs
     * (SHA-1 over the sorted token, timestamp, nonce and ciphertext); each an @-mention in a cadres' group.
     */
    static void prepareAibot(Path file, String token, String aesKey, int count, String run, String responseBase) throws IOException {
        me.chanjar.weixin.common.util.crypto.WxCryptUtil crypt = new me.chanjar.weixin.common.util.crypto.WxCryptUtil(token, aesKey, "");
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (int i = 0; i < count; i++) {
                String plain = new JsonObject().put("msgid", run + "-" + i).put("aibotid", "AIBOT-BENCH").put("chatid", "wrBenchChat" + (i % 8))
                        .put("chattype", "group").put("from", new JsonObject().put("userid", "cadre" + (i % 40)))
                        .put("response_url", responseBase + "/cgi-bin/aibot/response?response_code=" + run + i).put("msgtype", "text")
                        .put("text", new JsonObject().put("content", "@监督助手 进度 #" + (i + 1))).encode();
                String encrypt = crypt.encrypt(String.format("%016d", i), plain);
                String nonce = Integer.toString(100_000 + i);
                String signature = me.chanjar.weixin.common.util.crypto.SHA1.gen(token, timestamp, nonce, encrypt);
                out.println("/wecom/aibot?msg_signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce + "\t\t\t"
                        + new JsonObject().put("encrypt", encrypt).encode());
            }
        }
    }

    /**
     * The kill -9 check over JDBC (the embedded default's H2 has no command-line client here): waits up
     * to 10 minutes for the inbox to drain, then prints the same counts as the MariaDB check.
     */
    static void check(String url, String user, String password, Path ackLog) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password); java.sql.Statement s = c.createStatement()) {
            System.out.println("restarted; waiting for the inbox to drain");
            for (int i = 0; i < 600 && count(s, "SELECT COUNT(*) FROM inbox_message WHERE status = 'RECEIVED'") > 0; i++) {
                Thread.sleep(1000);
            }
            s.execute("CREATE LOCAL TEMPORARY TABLE acked (message_id VARCHAR(128) PRIMARY KEY, kind VARCHAR(8))");
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO acked VALUES (?, ?)")) {
                for (String line : Files.readAllLines(ackLog, StandardCharsets.UTF_8)) {
                    String[] parts = line.split(" ");
                    insert.setString(1, parts[0]);
                    insert.setString(2, parts[1]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            System.out.println("acknowledged\t" + count(s, "SELECT COUNT(*) FROM acked"));
            System.out.println("acknowledged but missing\t" + count(s, "SELECT COUNT(*) FROM acked a LEFT JOIN inbox_message m "
                    + "ON m.channel = 'BRIDGE' AND m.message_id = a.message_id WHERE m.id IS NULL"));
            System.out.println("acknowledged but not processed\t" + count(s, "SELECT COUNT(*) FROM acked a JOIN inbox_message m "
                    + "ON m.channel = 'BRIDGE' AND m.message_id = a.message_id WHERE m.status <> 'PROCESSED'"));
            System.out.println("stored reports\t" + count(s, "SELECT COUNT(*) FROM inbox_message WHERE text LIKE '#反映%'"));
            System.out.println("tickets\t" + count(s, "SELECT COUNT(*) FROM ticket"));
            System.out.println("reports with a ticket\t" + count(s, "SELECT COUNT(ticket_no) FROM inbox_message WHERE text LIKE '#反映%'")
                    + "\tdistinct tickets\t" + count(s, "SELECT COUNT(DISTINCT ticket_no) FROM inbox_message WHERE text LIKE '#反映%'"));
        }
    }

    static long count(java.sql.Statement s, String sql) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Message i of a run: one in five a #反映 report (a ticket), the rest group talk (archived, maybe flagged). */
    static byte[] body(String run, int i) {
        boolean report = i % 5 == 0;
        return new JsonObject().put("messageId", run + "-" + i).put("groupId", GROUPS.get(i % GROUPS.size()))
                .put("sender", new JsonObject().put("id", "load-villager-" + (i % 50)).put("name", "压测村民" + (i % 50)))
                .put("type", "text").put("text", report ? "#反映 压测诉求第" + i + "号：水渠堵了" : "群聊消息第" + i + "条，今天开会")
                .put("sentAt", Instant.now().toString()).encode().getBytes(StandardCharsets.UTF_8);
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

}
