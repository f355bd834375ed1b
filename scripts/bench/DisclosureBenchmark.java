import io.lettuce.core.RedisURI;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jianqun.core.audit.AuditKey;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.disclosure.DisclosureDesk;
import org.jianqun.core.disclosure.DisclosureLines;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.Money;
import org.jianqun.core.disclosure.Rendering;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.disclosure.rendering.DisclosureRenderer;
import org.jianqun.gateway.GatewayVerticle;
import org.jianqun.gateway.bridge.BridgeSignature;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.outbound.BridgeOutbound;
import org.jianqun.gateway.outbound.OutboxDispatcher;
import org.jianqun.gateway.outbound.Pacer;
import org.jianqun.gateway.processing.MessageProcessor;

/**
 * The push day of a province (run by scripts/bench-disclosure): VILLAGES villages with a ready disclosure each and
 * GROUPS bridge villagers' groups between them. A child JVM plays the platform — the disclosure desk's publication
 * (each version and its delivery request in one transaction) and the real gateway loop (routing each request into one
 * row per group, sending to the bridge) — against a fast loopback receiver in this JVM, which counts what arrives per
 * (disclosure, group). Run 1: the push undisturbed, timed. Run 2: the same push, the child killed with SIGKILL once a
 * third of the groups have it, then started again on the same database. Each run ends with duplicates (a group that
 * got a version under two delivery ids) and missing (a group that never got it); a bridge keeps one copy per delivery
 * id, so a delivery posted again after the kill (sent, not yet settled) is counted apart as a re-post. Every version has
 * an image (one rendered PNG, ~30 kB; {@code -Dbench.smallPng=true} a few hundred bytes), which each group gets after its markdown as a delivery of its
 * own: duplicates and missing count the markdown posts; the image posts are counted apart, the same way.
 * Also: what rendering (markdown + PNG) costs per village.
 *
 * Usage: java DisclosureBenchmark JDBC_URL USER PASSWORD REDIS_URL VILLAGES GROUPS
 *        java DisclosureBenchmark child JDBC_URL USER PASSWORD REDIS_URL RECEIVER_URL AUDIT_KEY_BASE64   (the platform side)
 */
public final class DisclosureBenchmark {
    static final String SECRET = "bench-disclosure-secret-0123456789";
    static final long RUN_LIMIT_SECONDS = 300;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("child")) {
            child(args[1], args[2], args[3], args[4], URI.create(args[5]), args[6]);
            return;
        }
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String redisUrl = args[3];
        int villages = Integer.parseInt(args[4]);
        int groups = Integer.parseInt(args[5]);
        byte[] keyBytes = new byte[32];
        new java.security.SecureRandom().nextBytes(keyBytes);
        String key = Base64.getEncoder().encodeToString(keyBytes);
        Database database = Database.open(new DatabaseSettings(url, user, password), 4, null, AuditKey.of(keyBytes));
        byte[] png = renderingCost();
        if (Boolean.getBoolean("bench.smallPng")) {
            png = smallPng();
        }
        System.out.printf("every version carries a PNG of %.0f kB%n", png.length / 1024.0);
        long f0 = System.nanoTime();
        int expected = fill(database, villages, groups, png);
        System.out.printf("filled %,d villages, %,d groups, %,d ready disclosures in %.1f s%n", villages, expected, villages, (System.nanoTime() - f0) / 1e9);
        try (Receiver receiver = new Receiver(); RedisStore redis = RedisStore.connect(RedisURI.create(redisUrl))) {
            run("undisturbed push", database, redis, receiver, expected, false, url, user, password, redisUrl, key);
            run("kill -9 once a third of the groups have it, then restart", database, redis, receiver, expected, true, url, user, password, redisUrl, key);
        } finally {
            database.close();
        }
    }

    /** Prints what rendering costs per village; returns one rendered PNG (what every version of the bench carries). */
    static byte[] renderingCost() {
        DisclosureRenderer renderer = DisclosureRenderer.withInstalledFont();
        DisclosureMonth month = new DisclosureMonth(YearMonth.now().minusMonths(1));
        List<DisclosureLines.FinanceLine> finance = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            finance.add(new DisclosureLines.FinanceLine(i, i % 3 == 0 ? DisclosureLines.Direction.INCOME : DisclosureLines.Direction.SPENDING,
                    "第" + i + "项收支（材料、劳务、办公）", new Money(100_000L * i), Optional.empty()));
        }
        DisclosureLines lines = new DisclosureLines(finance, List.of(),
                List.of(new DisclosureLines.Project(1, "村道硬化工程", new Money(20_000_000), new Money(8_600_000), 45, "清源路桥公司")),
                List.of(new DisclosureLines.Subsidy(1, "林某某", "高龄补贴", new Money(10_000)), new DisclosureLines.Subsidy(2, "陈某某", "临时救助", new Money(60_000))));
        int n = 200;
        long bytes = 0;
        byte[] one = null;
        for (int i = 0; i < 20; i++) { // warm-up
            one = renderer.render(new Rendering.Subject(i, "359901100201", "东岭村", month, 1, null, lines, List.of())).png().orElseThrow();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bytes += renderer.render(new Rendering.Subject(i, "359901100201", "东岭村", month, 1, null, lines, List.of())).png().map(p -> p.length).orElse(0);
        }
        System.out.printf("rendering (markdown summary + %d-line PNG, CJK font): %.1f ms per village, PNG %.0f kB%n", finance.size() + 6,
                (System.nanoTime() - t0) / 1e6 / n, bytes / 1024.0 / n);
        return one;
    }

    /** Regions, groups and one ready version per village, by plain batched JDBC; how many (village, group) pairs the push must reach. */
    static int fill(Database database, int villages, int groups, byte[] png) throws Exception {
        String month = YearMonth.now().minusMonths(1).toString();
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        String summary = "## 示范村 " + month + " 三务公开\n\n**收入** 38600.00 元　**支出** 2810.00 元\n\n**支出用途**\n- 村道修补：2350.00 元\n- 办公用品：460.00 元\n"
                + "\n**工程项目**\n- 村道硬化工程：进度 45%，预算 200000.00 元，已支出 86000.00 元\n\n明细见图片，或在小程序「监群」打开：pages/disclosure/detail";
        int pairs = 0;
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement region = c.prepareStatement("INSERT INTO region (code, name, level, parent_code, created_at, updated_at) VALUES (?,?,?,?,?,?)");
                 PreparedStatement group = c.prepareStatement("INSERT INTO chat_group (channel, group_id, village_code, name, purpose, created_at, updated_at) "
                         + "VALUES ('BRIDGE',?,?,?,'VILLAGERS',?,?)");
                 PreparedStatement disclosure = c.prepareStatement("INSERT INTO disclosure (village_code, county_code, disclosure_month, version, status, content_hash, "
                         + "lines_json, uploaded_by, uploaded_at, ready_at, summary_md, details_png) VALUES (?,?,?,1,'READY',?,'{}',0,?,?,?,?)")) {
                region(region, "35", "福建省（示范）", "CITY", null, now);
                int countyCount = (villages + 1_499) / 1_500;
                for (int county = 0; county < countyCount; county++) {
                    region(region, String.format("35%04d", county), "县" + county, "COUNTY", "35", now);
                }
                int extra = groups - 2 * villages;
                for (int v = 0; v < villages; v++) {
                    String county = String.format("35%04d", v / 1_500);
                    String town = county + String.format("%03d", 100 + (v % 1_500) / 15);
                    if (v % 15 == 0) {
                        region(region, town, "镇" + v / 15, "TOWN", county, now);
                    }
                    String village = town + String.format("%03d", 201 + v % 15);
                    region(region, village, "村" + v, "VILLAGE", town, now);
                    int n = 2 + (v < extra ? 1 : 0);
                    for (int g = 1; g <= n; g++) {
                        group.setString(1, "g-" + village + "-" + g);
                        group.setString(2, village);
                        group.setString(3, "村" + v + "村务监督群" + g);
                        group.setTimestamp(4, now);
                        group.setTimestamp(5, now);
                        group.addBatch();
                        pairs++;
                    }
                    disclosure.setString(1, village);
                    disclosure.setString(2, county);
                    disclosure.setString(3, month);
                    disclosure.setString(4, "0".repeat(64));
                    disclosure.setTimestamp(5, now);
                    disclosure.setTimestamp(6, now);
                    disclosure.setString(7, summary.replace("示范村", "村" + v));
                    disclosure.setBytes(8, png);
                    disclosure.addBatch();
                    if (v % 1_000 == 999) {
                        region.executeBatch();
                        group.executeBatch();
                        disclosure.executeBatch();
                        c.commit();
                    }
                }
                region.executeBatch();
                group.executeBatch();
                disclosure.executeBatch();
                c.commit();
            }
        }
        return pairs;
    }

    /** A real PNG of a few hundred bytes (-Dbench.smallPng=true: the push without the image's weight). */
    static byte[] smallPng() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(120, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 120; x++) {
            image.setRGB(x, x % 40, 0xC0392B);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static void region(PreparedStatement region, String code, String name, String level, String parent, Timestamp now) throws Exception {
        region.setString(1, code);
        region.setString(2, name);
        region.setString(3, level);
        region.setString(4, parent);
        region.setTimestamp(5, now);
        region.setTimestamp(6, now);
        region.addBatch();
    }

    static void run(String name, Database database, RedisStore redis, Receiver receiver, int expected, boolean kill, String url, String user,
                    String password, String redisUrl, String key) throws Exception {
        System.out.printf("%n=== %s: %,d groups ===%n", name, expected);
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM outbox");
            s.execute("UPDATE disclosure SET status = 'READY', published_at = NULL");
        }
        redis.sync().flushdb();
        receiver.reset();
        long started = System.nanoTime();
        Process child = child(url, user, password, redisUrl, receiver.url(), key);
        if (kill) {
            while (receiver.pairs() < expected / 3 && child.isAlive() && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(RUN_LIMIT_SECONDS)) {
                Thread.sleep(2);
            }
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
            System.out.printf("killed with SIGKILL at %,d of %,d groups (%.1f s in); %s; restarting%n", receiver.pairs(), expected,
                    (System.nanoTime() - started) / 1e9, outbox(database));
            child = child(url, user, password, redisUrl, receiver.url(), key);
        }
        // A restarted platform gets its own five minutes (it used to get what the killed one left: none, if the kill came late).
        long giveUp = (kill ? System.nanoTime() : started) + TimeUnit.SECONDS.toNanos(RUN_LIMIT_SECONDS);
        // BENCH_TIMELINE=1: the outbox's states and the receiver's count every second, to see where a push waits.
        boolean timeline = "1".equals(System.getenv("BENCH_TIMELINE"));
        long nextLine = System.nanoTime();
        while ((receiver.pairs() < expected || receiver.images() < expected) && System.nanoTime() < giveUp) {
            if (timeline && System.nanoTime() >= nextLine) {
                System.out.printf("  t=%5.1f s received %,d markdown, %,d images; outbox %s%n", (System.nanoTime() - started) / 1e9, receiver.pairs(),
                        receiver.images(), outbox(database));
                nextLine += TimeUnit.SECONDS.toNanos(1);
            }
            Thread.sleep(5);
        }
        double seconds = (receiver.last() - started) / 1e9;
        Thread.sleep(2_000); // anything late (a duplicate) would arrive now
        child.destroy();
        child.waitFor(20, TimeUnit.SECONDS);
        int missing = expected - receiver.pairs();
        System.out.printf("every group reached (markdown and image) in %.1f s (%,.0f groups/s)%s%n", seconds, receiver.pairs() / seconds,
                kill ? " including the restart (the killed JVM's claims are taken over once it has been silent 10 s)" : "");
        System.out.printf("duplicates (a group got a version's markdown under two delivery ids): %d; missing: %d; re-posts of a delivery id (kept once by the bridge): %d%n",
                receiver.duplicates(), missing, receiver.reposts());
        System.out.printf("images: %,d posted for %,d groups; duplicates (a version's image under two delivery ids): %d; missing: %d%n",
                receiver.imagePosts(), expected, receiver.imageDuplicates(), expected - receiver.images());
        System.out.printf("outbox: %s%n", outbox(database));
    }

    static String outbox(Database database) throws Exception {
        Map<String, Integer> out = new java.util.TreeMap<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM outbox GROUP BY status")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out.toString();
    }

    static Process child(String url, String user, String password, String redisUrl, String receiverUrl, String key) throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx768m"));
        String childOptions = System.getenv("BENCH_CHILD_JAVA_OPTS"); // e.g. -XX:StartFlightRecording=... to profile the platform's side
        if (childOptions != null && !childOptions.isBlank()) {
            command.addAll(List.of(childOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "DisclosureBenchmark", "child", url, user, password, redisUrl, receiverUrl, key));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("JIANQUN_LOG_LEVEL", "WARN");
        return pb.start();
    }

    /** The platform's side: the desk publishes every ready version (push day passed), the gateway loop routes and sends. */
    static void child(String url, String user, String password, String redisUrl, URI receiver, String key) throws Exception {
        Database database = Database.open(new DatabaseSettings(url, user, password), 12, null, AuditKey.fromBase64(key));
        RedisStore redis = connectPatiently(redisUrl);
        Clock clock = Clock.systemUTC();
        Vertx vertx = Vertx.vertx();
        OutboxDispatcher dispatcher = new OutboxDispatcher(database, Optional.of(new BridgeOutbound(receiver, new BridgeSignature(SECRET))),
                Optional.empty(), Optional.empty(), new Pacer(redis, clock), clock);
        MessageProcessor processor = new MessageProcessor(database, new TicketDesk(database, WorkingDayCalendar.shipped(), clock),
                new TicketQueries(database, WorkingDayCalendar.shipped(), clock), new MessageFlagger(), clock);
        vertx.deployVerticle(new GatewayVerticle(processor, dispatcher, () -> false, 200)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        DisclosureDesk desk = new DisclosureDesk(database, clock, s -> { throw new IllegalStateException("nothing is rendered on the push day"); });
        long t0 = System.nanoTime();
        int published = 0;
        while (true) {
            DisclosureDesk.PublishPass pass = desk.publishDue(1, 500);
            published += pass.published();
            if (pass.published() == 0) {
                break;
            }
        }
        System.out.printf("  [platform] published %,d versions with their delivery requests in %.1f s%n", published, (System.nanoTime() - t0) / 1e9);
        Thread.sleep(Long.MAX_VALUE);
    }

    /** On a machine shared with other builds, a first connection may take longer than Lettuce's 2 s: a few tries. */
    static RedisStore connectPatiently(String redisUrl) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return RedisStore.connect(RedisURI.create(redisUrl));
            } catch (io.lettuce.core.RedisConnectionException e) {
                if (attempt == 10) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** A fast bridge on loopback: answers 200 at once and counts each (disclosure, group) and each delivery id. */
    static final class Receiver implements AutoCloseable {
        private final Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
        private final io.vertx.core.http.HttpServer server;
        private final Set<String> ids = ConcurrentHashMap.newKeySet();
        private final Map<String, String> pairToId = new ConcurrentHashMap<>();
        private final Map<String, String> imagePairToId = new ConcurrentHashMap<>();
        private final AtomicInteger duplicates = new AtomicInteger();
        private final AtomicInteger imageDuplicates = new AtomicInteger();
        private final AtomicInteger imagePosts = new AtomicInteger();
        private final AtomicInteger reposts = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();

        Receiver() throws Exception {
            server = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(request -> request.body().onSuccess(body -> {
                        io.vertx.core.json.JsonObject d = new io.vertx.core.json.JsonObject(body.toString(StandardCharsets.UTF_8));
                        String id = d.getString("deliveryId");
                        boolean image = "image".equals(d.getString("type"));
                        if (image) {
                            imagePosts.incrementAndGet();
                        }
                        if (!ids.add(id)) {
                            reposts.incrementAndGet();
                        } else {
                            // disclosure:<id>.<n> (its markdown) and disclosure:<id>.<n>.1 (its image): the version is before the
                            // first dot; the group is the body's.
                            String version = id.substring(0, id.indexOf('.'));
                            String before = (image ? imagePairToId : pairToId).putIfAbsent(version + "@" + d.getString("groupId"), id);
                            if (before != null) {
                                (image ? imageDuplicates : duplicates).incrementAndGet();
                            } else {
                                last.set(System.nanoTime());
                            }
                        }
                        request.response().setStatusCode(200).end();
                    }));
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        String url() {
            return "http://127.0.0.1:" + server.actualPort() + "/out";
        }

        void reset() {
            ids.clear();
            pairToId.clear();
            imagePairToId.clear();
            duplicates.set(0);
            imageDuplicates.set(0);
            imagePosts.set(0);
            reposts.set(0);
        }

        int pairs() {
            return pairToId.size();
        }

        int duplicates() {
            return duplicates.get();
        }

        /** Groups that have a version's image. */
        int images() {
            return imagePairToId.size();
        }

        int imageDuplicates() {
            return imageDuplicates.get();
        }

        int imagePosts() {
            return imagePosts.get();
        }

        int reposts() {
            return reposts.get();
        }

        long last() {
            return last.get();
        }

        @Override
        public void close() throws Exception {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
