import io.lettuce.core.RedisURI;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.outbox.GroupAddress;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.gateway.GatewayVerticle;
import org.jianqun.gateway.bridge.BridgeSignature;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.outbound.BridgeOutbound;
import org.jianqun.gateway.outbound.OutboxDispatcher;
import org.jianqun.gateway.outbound.Pacer;
import org.jianqun.gateway.processing.MessageProcessor;

/**
 * The outbox's delivery rate against a fast local bridge (run by scripts/bench-outbox). Each run fills
 * the outbox with COUNT bridge deliveries spread over GROUPS groups (round robin, as a push to every
 * group would write them), then deploys the real GatewayVerticle with the real OutboxDispatcher (lanes,
 * batched claims and settles, Redis pacing) and waits until the receiver has them all. The receiver is
 * a loopback HTTP server that answers 200 at once and notes when each delivery id arrived; the second
 * run makes one group's receiver take deliveries and never answer. Latency is from the row's insert
 * (its batch's commit) to its arrival. A last phase writes deliveries at a steady rate while the loop runs.
 *
 * Usage: java OutboxBenchmark JDBC_URL USER PASSWORD REDIS_URL COUNT GROUPS STEADY_PER_SECOND
 */
public final class OutboxBenchmark {
    static final String SECRET = "bench-outbox-secret-0123456789";
    static final String HUNG = "g-hung";
    static final int INSERT_BATCH = 1_000;
    static final long RUN_LIMIT_SECONDS = 180;
    static final String TEXT = "【三务公开】东岭村 2026 年 11 月财务公开已发布：收入、支出、资产与合同明细，请在小程序「监群」查看；"
            + "如有疑问，在本群发送 #反映 加内容。";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String redisUrl = args[3];
        int count = Integer.parseInt(args[4]);
        int groups = Integer.parseInt(args[5]);
        int steadyRate = Integer.parseInt(args[6]);

        Database database = Database.open(new DatabaseSettings(url, user, password), 8, null, org.jianqun.core.audit.AuditKey.generate());
        RedisStore redis = RedisStore.connect(RedisURI.create(redisUrl));
        Receiver receiver = new Receiver();
        Clock clock = Clock.systemUTC();
        try {
            // The JIT compiles on the same 2 cores: a warm-up as large as a run, so the counted runs see compiled code.
            run("warm-up (not counted)", database, redis, receiver, clock, count, groups, false, 0);
            run("fast receiver", database, redis, receiver, clock, count, groups, false, 0);
            run("one destination never answers", database, redis, receiver, clock, count, groups, true, 0);
            if (steadyRate > 0) {
                run("steady " + steadyRate + "/s for 10 s", database, redis, receiver, clock, steadyRate * 10, groups, false, steadyRate);
            }
        } finally {
            receiver.close();
            redis.close();
            database.close();
        }
    }

    static void run(String name, Database database, RedisStore redis, Receiver receiver, Clock clock, int count, int groups,
                    boolean hang, int steadyRate) throws Exception {
        System.out.printf("%n=== %s: %,d deliveries to %,d bridge groups%s ===%n", name, count, groups, hang ? ", group " + HUNG + " never answers" : "");
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM outbox");
        }
        redis.sync().flushdb();
        receiver.reset(hang);
        String run = Long.toString(System.nanoTime(), 36);
        Map<String, Long> enqueued = new ConcurrentHashMap<>();
        int expected = 0;
        for (int i = 0; i < count; i++) {
            if (!(hang && i % groups == 0)) {
                expected++;
            }
        }
        Vertx vertx = Vertx.vertx();
        OutboxDispatcher dispatcher = new OutboxDispatcher(database, java.util.Optional.of(new BridgeOutbound(receiver.url(), new BridgeSignature(SECRET))),
                java.util.Optional.empty(), java.util.Optional.empty(), new Pacer(redis, clock), clock);
        MessageProcessor processor = new MessageProcessor(database, new TicketDesk(database, WorkingDayCalendar.shipped(), clock),
                new TicketQueries(database, WorkingDayCalendar.shipped(), clock), new MessageFlagger(), clock);
        GatewayVerticle verticle = new GatewayVerticle(processor, dispatcher, () -> false, 500);
        double jvm0 = jvmCpuSeconds();
        double db0 = mariadbCpuSeconds();
        long started;
        if (steadyRate == 0) {
            long f0 = System.nanoTime();
            fill(database, clock, run, 0, count, groups, enqueued);
            System.out.printf("filled in %.1f s%n", (System.nanoTime() - f0) / 1e9);
            started = System.nanoTime();
            vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } else {
            vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            started = System.nanoTime();
            int perTick = Math.max(1, steadyRate / 20); // every 50 ms
            for (int i = 0; i < count; i += perTick) {
                long due = started + TimeUnit.MILLISECONDS.toNanos(50L * (i / perTick));
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                fill(database, clock, run, i, Math.min(count, i + perTick), groups, enqueued);
            }
        }
        long giveUp = started + TimeUnit.SECONDS.toNanos(RUN_LIMIT_SECONDS);
        while (receiver.received(run) < expected && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        long elapsed = receiver.lastArrival(run) - started;
        int got = receiver.received(run);
        double jvm = jvmCpuSeconds() - jvm0;
        double db = mariadbCpuSeconds() - db0;
        // Let the last outcomes be recorded before the loop stops (the hung send stays out).
        long settleBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sending(database) > (hang ? 1 : 0) && System.nanoTime() < settleBy) {
            Thread.sleep(20);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        long[] latency = receiver.latencies(run, enqueued);
        Arrays.sort(latency);
        System.out.printf("received %,d of %,d%s in %.2f s: %,.0f deliveries/s%n", got, expected, hang ? " (the others')" : "", elapsed / 1e9,
                got / (elapsed / 1e9));
        if (latency.length > 0) {
            System.out.printf("enqueue -> receipt: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", pct(latency, 50) / 1e6, pct(latency, 99) / 1e6,
                    latency[latency.length - 1] / 1e6);
        }
        System.out.printf("posted twice: %d; outbox: %s%n", receiver.duplicates(), statuses(database));
        System.out.printf("CPU per delivery (fill included): this JVM %.0f us (dispatcher, loop and receiver), MariaDB %.0f us%n",
                1e6 * jvm / Math.max(1, got), 1e6 * db / Math.max(1, got));
        if (hang) {
            System.out.printf("to %s: %d taken and never answered (in flight at once: at most %d), the rest wait in their lane%n",
                    HUNG, receiver.unanswered(), 1);
        }
    }

    static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** MariaDB's CPU seconds so far (BENCH_MARIADB_PID, from /proc), or 0. */
    static double mariadbCpuSeconds() {
        String pid = System.getenv("BENCH_MARIADB_PID");
        if (pid == null || pid.isBlank()) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (CLK_TCK 100)
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    static double pct(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static void fill(Database database, Clock clock, String run, int from, int to, int groups, Map<String, Long> enqueued) {
        for (int batch = from; batch < to; batch += INSERT_BATCH) {
            int start = batch;
            int end = Math.min(to, start + INSERT_BATCH);
            List<String> ids = new ArrayList<>();
            Instant at = clock.instant();
            database.inBatchTransaction(s -> {
                OutboxMapper outbox = s.getMapper(OutboxMapper.class);
                for (int i = start; i < end; i++) {
                    String group = i % groups == 0 ? HUNG : "g-" + (i % groups);
                    String id = run + "-" + i;
                    ids.add(id);
                    outbox.insert(id, at, null, "DISCLOSURE", OutboxMessage.toGroup(new GroupAddress(Channel.BRIDGE, group), TEXT));
                }
                return null;
            });
            long committed = System.nanoTime();
            ids.forEach(id -> enqueued.put(id, committed));
        }
    }

    static int sending(Database database) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outbox WHERE status = 'SENDING'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String statuses(Database database) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM outbox GROUP BY status")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out.toString();
    }

    /**
     * A fast bridge: a Vert.x HTTP server on loopback (one event loop, a Vertx of its own) that answers
     * 200 at once (or, for the hung group, never) and notes each delivery's arrival.
     */
    static final class Receiver implements AutoCloseable {
        private final Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
        private final io.vertx.core.http.HttpServer server;
        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final AtomicInteger duplicates = new AtomicInteger();
        private final AtomicInteger unanswered = new AtomicInteger();
        private final AtomicInteger arrived = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        private final List<io.vertx.core.http.HttpServerRequest> held = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean hang;

        Receiver() throws Exception {
            server = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(request -> request.body().onSuccess(body -> {
                        long now = System.nanoTime();
                        String json = body.toString(StandardCharsets.UTF_8);
                        if (hang && json.contains("\"groupId\":\"" + HUNG + "\"")) {
                            unanswered.incrementAndGet();
                            held.add(request);
                            return;
                        }
                        if (arrivals.putIfAbsent(field(json, "deliveryId"), now) != null) {
                            duplicates.incrementAndGet();
                        } else {
                            arrived.incrementAndGet();
                            last.accumulateAndGet(now, Math::max);
                        }
                        request.response().setStatusCode(200).end();
                    }));
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        static String field(String json, String name) {
            String key = "\"" + name + "\":\"";
            int from = json.indexOf(key) + key.length();
            return json.substring(from, json.indexOf('"', from));
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.actualPort() + "/out");
        }

        void reset(boolean hangOne) {
            hang = hangOne;
            held.forEach(r -> r.connection().close());
            held.clear();
            arrivals.clear();
            arrived.set(0);
            last.set(0);
            duplicates.set(0);
            unanswered.set(0);
        }

        /** Deliveries that arrived since the last reset (stragglers of another run have other ids but are rare: runs wait for their own). */
        int received(String run) {
            return arrived.get();
        }

        long lastArrival(String run) {
            return last.get();
        }

        long[] latencies(String run, Map<String, Long> enqueued) {
            return arrivals.entrySet().stream().filter(e -> e.getKey().startsWith(run + "-") && enqueued.containsKey(e.getKey()))
                    .mapToLong(e -> e.getValue() - enqueued.get(e.getKey())).toArray();
        }

        int duplicates() {
            return duplicates.get();
        }

        int unanswered() {
            return unanswered.get();
        }

        @Override
        public void close() throws Exception {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
