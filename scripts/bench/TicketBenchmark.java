import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;
import org.jianqun.core.desk.DeadlineSweep;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.Via;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.periodic.SweepLock;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.sweep.SweeperVerticle;
import org.jianqun.core.CoreServices;
import org.jianqun.core.account.SessionStore;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.http.ApiServerVerticle;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.console.ConsoleApi;
import org.jianqun.console.ConsoleParts;
import org.jianqun.gateway.operations.GatewayReports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Ticket desk and deadline sweep against MariaDB, at growing table sizes (run by scripts/bench-tickets).
 * For each size: bulk-load tickets up to it (LOAD DATA LOCAL INFILE; 10% live with next_due_at in the
 * future, 90% closed with next_due_at NULL; one complainant row each), then measure (a) claim and
 * resolve latency through TicketDesk, (b) one sweep of exactly 1,000 due tickets, as one
 * DeadlineSweep.sweep(1000) and as a SweeperVerticle pass (lock, batches of 500, release), with the statements
 * each sends to the server counted by a Connector/J query interceptor.
 *
 * Usage: java TicketBenchmark JDBC_URL USER PASSWORD REDIS_URL SIZE...
 */
public final class TicketBenchmark {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Monday 2026-06-01 10:00 in Shanghai: the benchmark's "now" (a fixed clock, inside the shipped holiday data). */
    static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");
    static final String CITY = "3598";
    static final String COUNTY = "359801";
    static final int TOWNS = 10;
    static final int VILLAGES_PER_TOWN = 20;
    static final int LATENCY_OPS = 2_000;
    static final int WARMUP_OPS = 300;
    static final int DUE = 1_000;
    static final int ROUNDS = 3;
    static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String redisUrl = args[3];
        long[] sizes = Arrays.stream(args, 4, args.length).mapToLong(Long::parseLong).toArray();

        String sep = url.contains("?") ? "&" : "?";
        String deskUrl = url + sep + "queryInterceptors=" + RoundTrips.class.getName();
        long t0 = System.nanoTime();
        Database database = Database.open(new DatabaseSettings(deskUrl, user, password), 4, null, org.jianqun.core.audit.AuditKey.generate());
        System.out.printf("schema migrated in %d ms%n", ms(t0));
        FixedClock clock = new FixedClock(NOW);
        WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
        TicketDesk desk = new TicketDesk(database, calendar, clock);
        DeadlineSweep sweep = new DeadlineSweep(database, calendar, clock);
        ImportOutcome seeded = new OrganisationImporter(database, new PasswordHasher(1_000), clock)
                .importCsv(ImportKind.REGIONS, regions().getBytes(StandardCharsets.UTF_8), null);
        if (!(seeded instanceof ImportOutcome.Applied)) {
            throw new IllegalStateException("seeding failed: " + seeded);
        }
        System.out.printf("seeded county %s: %d towns x %d villages%n", COUNTY, TOWNS, VILLAGES_PER_TOWN);

        RedisStore redis = RedisStore.connect(io.lettuce.core.RedisURI.create(redisUrl));
        redis.sync().flushdb();
        Vertx vertx = Vertx.vertx();
        SweeperVerticle.Settings settings = new SweeperVerticle.Settings(Duration.ofHours(1), Duration.ofHours(1), 500,
                Duration.ofSeconds(20), Duration.ofSeconds(60));
        SweeperVerticle sweeper = new SweeperVerticle(sweep, new SweepLock(redis, SweeperVerticle.LOCK_NAME, settings.lockTtl()),
                settings, new SimpleMeterRegistry());
        vertx.deployVerticle(sweeper).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Console console = Console.start(vertx, database, redis, clock);

        try (Connection loader = DriverManager.getConnection(url + sep + "allowLoadLocalInfile=true", user, password)) {
            long loaded = 0;
            for (long size : sizes) {
                System.out.printf("%n=== %,d tickets ===%n", size);
                long start = System.nanoTime();
                load(loader, loaded, size, calendar);
                System.out.printf("bulk load %,d -> %,d tickets: %.1f s%n", loaded, size, (System.nanoTime() - start) / 1e9);
                loaded = size;
                try (Statement s = loader.createStatement()) {
                    s.execute("ANALYZE TABLE ticket");
                }
                explainDue(loader);
                latency(desk, loader, clock);
                console.latency(loader);
                sweeps(sweep, sweeper, loader, clock);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            redis.close();
            database.close();
        }
        System.out.printf("%ntotal %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    // ---------------------------------------------------------------- data

    static String village(int i) {
        int town = i / VILLAGES_PER_TOWN;
        int v = i % VILLAGES_PER_TOWN;
        return COUNTY + String.format("%03d", 101 + town) + String.format("%03d", 201 + v);
    }

    static String regions() {
        StringBuilder csv = new StringBuilder("code,name,level,parent_code\n");
        csv.append(CITY).append(",基准市,city,\n").append(COUNTY).append(",基准县,county,").append(CITY).append('\n');
        for (int t = 0; t < TOWNS; t++) {
            String town = COUNTY + String.format("%03d", 101 + t);
            csv.append(town).append(",第").append(t + 1).append("镇,town,").append(COUNTY).append('\n');
        }
        for (int i = 0; i < TOWNS * VILLAGES_PER_TOWN; i++) {
            String v = village(i);
            csv.append(v).append(",第").append(i + 1).append("村,village,").append(v, 0, 9).append('\n');
        }
        return csv.toString();
    }

    static String t(Instant at) {
        return SQL_TIME.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    /** Generates tickets (from, to] as tab-separated rows and loads them (and their complainants) with LOAD DATA LOCAL INFILE. */
    static void load(Connection c, long from, long to, WorkingDayCalendar calendar) throws IOException, SQLException {
        Random random = new Random(from);
        Instant today = NOW.atZone(SHANGHAI).toLocalDate().atStartOfDay(SHANGHAI).toInstant();
        // Live tickets arrive this morning: their next look is the yellow time before a deadline, or the rating follow-up.
        Instant openNext = calendar.deadline(today, 1).toInstant().minus(Duration.ofDays(1));
        Instant claimedNext = calendar.deadline(today, 3).toInstant().minus(Duration.ofDays(1));
        Instant resolvedNext = calendar.deadline(today, 1).toInstant();
        Instant historyStart = Instant.parse("2025-10-01T00:00:00Z");
        long historySeconds = Duration.between(historyStart, today.minus(Duration.ofDays(7))).getSeconds();
        String[] closures = {"SATISFIED", "SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "UNRATED"};
        int villages = TOWNS * VILLAGES_PER_TOWN;
        Path tickets = Files.createTempFile("bench-tickets", ".tsv");
        Path complainants = Files.createTempFile("bench-complainants", ".tsv");
        try {
            for (long chunkStart = from; chunkStart < to; chunkStart += 250_000) {
                long chunkEnd = Math.min(to, chunkStart + 250_000);
                try (BufferedWriter w = Files.newBufferedWriter(tickets, StandardCharsets.UTF_8);
                     BufferedWriter wc = Files.newBufferedWriter(complainants, StandardCharsets.UTF_8)) {
                    for (long no = chunkStart + 1; no <= chunkEnd; no++) {
                        String village = village((int) (no % villages));
                        long complainant = 1 + random.nextInt(1_000_000);
                        boolean live = no % 10 == 0;
                        String state;
                        Instant registered;
                        String handlerId = "\\N";
                        String handlerName = "\\N";
                        String resolution = "\\N";
                        String resolvedAt = "\\N";
                        String ending = "\\N";
                        String endedAt = "\\N";
                        String nextDue = "\\N";
                        if (live) {
                            registered = today.plusSeconds(random.nextInt(9 * 3600));
                            // Half the live ones wait to be claimed, a quarter are being handled, a quarter await a rating.
                            int kind = Math.max(0, (int) ((no / 10) % 4) - 1);
                            state = kind == 0 ? "OPEN" : kind == 1 ? "CLAIMED" : "RESOLVED";
                            if (kind > 0) {
                                handlerId = "1";
                                handlerName = "村干部";
                            }
                            if (kind == 2) {
                                resolution = "已处理完毕";
                                resolvedAt = t(registered.plusSeconds(600));
                            }
                            nextDue = t(kind == 0 ? openNext : kind == 1 ? claimedNext : resolvedNext);
                        } else {
                            state = "CLOSED";
                            registered = historyStart.plusSeconds((long) (random.nextDouble() * historySeconds));
                            handlerId = "1";
                            handlerName = "村干部";
                            resolution = "已处理完毕";
                            resolvedAt = t(registered.plus(Duration.ofDays(2)));
                            ending = closures[random.nextInt(closures.length)];
                            endedAt = t(registered.plus(Duration.ofDays(3)));
                        }
                        String reg = t(registered);
                        // no, village_code, complainant_id, state, level, tier, content, channel, origin_group_id, confidential,
                        // registered_at, arrived_at, handling_from, handler_id, handler_name, resolution, resolved_at,
                        // rating_reminded, ending, ending_detail, merged_into, ended_at, reopened, urged, escalated,
                        // overdue_escalations, warning, possible_duplicate_of, next_due_at, version
                        w.write(no + "\t" + village + "\t" + complainant + "\t" + state + "\tVILLAGE\tGENERAL\t第" + no
                                + "号：村道路灯损坏，夜间出行不便，请尽快维修。\tbridge\tg-" + village + "-1\t0\t" + reg + "\t" + reg + "\t" + reg
                                + "\t" + handlerId + "\t" + handlerName + "\t" + resolution + "\t" + resolvedAt + "\t0\t" + ending
                                + "\t\\N\t\\N\t" + endedAt + "\t0\t0\t0\t0\tNONE\t\\N\t" + nextDue + "\t1\n");
                        wc.write(no + "\t" + complainant + "\t" + no + "\n");
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("SET unique_checks = 0");
                    s.execute("LOAD DATA LOCAL INFILE '" + tickets + "' INTO TABLE ticket CHARACTER SET utf8mb4");
                    s.execute("LOAD DATA LOCAL INFILE '" + complainants + "' INTO TABLE ticket_complainant CHARACTER SET utf8mb4");
                    s.execute("SET unique_checks = 1");
                }
            }
            try (Statement s = c.createStatement()) {
                // Numbers handed out from now on follow the loaded ones.
                s.execute("INSERT INTO ticket_number (no) VALUES (" + to + ")");
            }
        } finally {
            Files.deleteIfExists(tickets);
            Files.deleteIfExists(complainants);
        }
    }

    static void explainDue(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "EXPLAIN SELECT no FROM ticket WHERE next_due_at <= '" + t(NOW) + "' ORDER BY next_due_at LIMIT 1000")) {
            rs.next();
            System.out.printf("due query plan: type=%s key=%s rows=%s extra=%s%n", rs.getString("type"), rs.getString("key"),
                    rs.getString("rows"), rs.getString("Extra"));
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COUNT(*), SUM(next_due_at IS NOT NULL), SUM(state = 'OPEN' AND level = 'VILLAGE') FROM ticket")) {
            rs.next();
            System.out.printf("tickets %,d, with a next_due_at %,d, open at village %,d%n", rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    // ---------------------------------------------------------------- (a) latency

    /** Up to {@code count} tickets OPEN at village level with a future next_due_at, highest numbers first (not touched before). */
    static List<long[]> openTickets(Connection c, int count) throws SQLException {
        List<long[]> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT no, village_code FROM ticket WHERE state = 'OPEN' AND level = 'VILLAGE' "
                + "AND next_due_at > ? ORDER BY no DESC LIMIT ?")) {
            ps.setString(1, t(NOW));
            ps.setInt(2, count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new long[] {rs.getLong(1), Long.parseLong(rs.getString(2))});
                }
            }
        }
        if (found.size() < count) {
            throw new IllegalStateException("only " + found.size() + " open tickets left, need " + count);
        }
        return found;
    }

    static Actor cadreOf(long village) {
        return new Actor(1, "村干部", Role.VILLAGE_CADRE, Long.toString(village));
    }

    static void latency(TicketDesk desk, Connection c, FixedClock clock) throws SQLException {
        List<long[]> tickets = openTickets(c, WARMUP_OPS + LATENCY_OPS);
        long[] claim = new long[LATENCY_OPS];
        long[] resolve = new long[LATENCY_OPS];
        // Warm-up: JIT, statement caches, pool; not measured.
        for (int i = 0; i < WARMUP_OPS; i++) {
            long[] tk = tickets.get(LATENCY_OPS + i);
            check(desk.execute(new DeskCommand.Claim(tk[0]), cadreOf(tk[1]), Via.CONSOLE));
            check(desk.execute(new DeskCommand.Resolve(tk[0], "已修复"), cadreOf(tk[1]), Via.CONSOLE));
        }
        RoundTrips.reset();
        for (int i = 0; i < LATENCY_OPS; i++) {
            long[] tk = tickets.get(i);
            long start = System.nanoTime();
            check(desk.execute(new DeskCommand.Claim(tk[0]), cadreOf(tk[1]), Via.CONSOLE));
            claim[i] = System.nanoTime() - start;
        }
        long claimTrips = RoundTrips.total();
        Map<String, Long> claimServer = RoundTrips.msByKind();
        RoundTrips.reset();
        for (int i = 0; i < LATENCY_OPS; i++) {
            long[] tk = tickets.get(i);
            long start = System.nanoTime();
            check(desk.execute(new DeskCommand.Resolve(tk[0], "已派人修复路灯"), cadreOf(tk[1]), Via.CONSOLE));
            resolve[i] = System.nanoTime() - start;
        }
        long resolveTrips = RoundTrips.total();
        System.out.printf("claim   via TicketDesk, %d ops: %s, %.1f statements/op; server time by statement (ms): %s%n", LATENCY_OPS,
                percentiles(claim), claimTrips / (double) LATENCY_OPS, claimServer);
        System.out.printf("resolve via TicketDesk, %d ops: %s, %.1f statements/op%n", LATENCY_OPS, percentiles(resolve),
                resolveTrips / (double) LATENCY_OPS);
    }

    /**
     * The same claims and resolves "from the API": the console routes (miniapp-api) on an in-process
     * HTTP server, called over loopback with a bearer token per village cadre, one request at a time.
     */
    static final class Console {
        final int port;
        final String[] tokens = new String[TOWNS * VILLAGES_PER_TOWN];
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        private Console(int port) {
            this.port = port;
        }

        static Console start(Vertx vertx, Database database, RedisStore redis, FixedClock clock) throws Exception {
            JianqunConfig config = JianqunConfig.load(ConfigSource.of(Map.of()));
            CoreServices core = CoreServices.assemble(config, clock, database, redis, new PasswordHasher(1_000));
            int port;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            vertx.deployVerticle(new ApiServerVerticle(port, List.of(new ConsoleApi(ConsoleParts.of(core, new GatewayReports(core.database())))))).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            Console console = new Console(port);
            SessionStore sessions = new SessionStore(redis);
            for (int i = 0; i < console.tokens.length; i++) {
                String username = "bench-cadre-" + i;
                String village = village(i);
                String name = "村干部" + i;
                Person person = database.read(s -> s.getMapper(PersonMapper.class).findByUsername(username));
                if (person == null) {
                    database.inTransaction(s -> {
                        s.getMapper(PersonMapper.class).insert(new Person(null, name, Role.VILLAGE_CADRE, village, null, null,
                                username, null), clock.instant());
                        return null;
                    });
                    person = database.read(s -> s.getMapper(PersonMapper.class).findByUsername(username));
                }
                console.tokens[i] = sessions.create(person.id(), clock.instant(), clock.instant().plus(Duration.ofDays(1)));
            }
            return console;
        }

        /** Fewer than the desk's run: the 200 k table has 10,000 open tickets and the sweeps need 7,000 of them. */
        static final int OPS = 500;
        static final int WARMUP = 100;

        void latency(Connection c) throws Exception {
            List<long[]> tickets = openTickets(c, WARMUP + OPS);
            long[] claim = new long[OPS];
            long[] resolve = new long[OPS];
            for (int i = 0; i < WARMUP; i++) {
                long[] tk = tickets.get(OPS + i);
                call(tk, "claim", "{}");
                call(tk, "resolve", "{\"result\":\"已修复\"}");
            }
            for (int i = 0; i < OPS; i++) {
                long start = System.nanoTime();
                call(tickets.get(i), "claim", "{}");
                claim[i] = System.nanoTime() - start;
            }
            for (int i = 0; i < OPS; i++) {
                long start = System.nanoTime();
                call(tickets.get(i), "resolve", "{\"result\":\"已派人修复路灯\"}");
                resolve[i] = System.nanoTime() - start;
            }
            System.out.printf("claim   over HTTP (POST /api/v1/tickets/{no}/claim), %d ops: %s%n", OPS, percentiles(claim));
            System.out.printf("resolve over HTTP (POST /api/v1/tickets/{no}/resolve), %d ops: %s%n", OPS, percentiles(resolve));
        }

        private void call(long[] ticket, String action, String body) throws Exception {
            int villageIndex = villageIndex(ticket[1]);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tickets/"
                            + ticket[0] + "/" + action))
                    .header("Authorization", "Bearer " + tokens[villageIndex]).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(action + " #" + ticket[0] + " answered " + r.statusCode() + ": " + r.body());
            }
        }

        private static int villageIndex(long village) {
            for (int i = 0; i < TOWNS * VILLAGES_PER_TOWN; i++) {
                if (village(i).equals(Long.toString(village))) {
                    return i;
                }
            }
            throw new IllegalArgumentException("unknown village " + village);
        }
    }

    static void check(DeskResult result) {
        if (!(result instanceof DeskResult.Done)) {
            throw new IllegalStateException("refused: " + result);
        }
    }

    static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest-rank percentile in milliseconds. */
    static double at(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    // ---------------------------------------------------------------- (b), (c) sweep

    /** Makes exactly DUE tickets overdue: arrived at the village a week ago, next look a minute ago. */
    static void makeDue(Connection c) throws SQLException {
        List<long[]> tickets = openTickets(c, DUE);
        String arrived = t(NOW.minus(Duration.ofDays(7)));
        StringBuilder in = new StringBuilder();
        for (long[] tk : tickets) {
            in.append(in.length() == 0 ? "" : ",").append(tk[0]);
        }
        try (Statement s = c.createStatement()) {
            int n = s.executeUpdate("UPDATE ticket SET arrived_at = '" + arrived + "', handling_from = '" + arrived + "', registered_at = '"
                    + arrived + "', next_due_at = '" + t(NOW.minusSeconds(60)) + "' WHERE no IN (" + in + ")");
            if (n != DUE) {
                throw new IllegalStateException("made " + n + " due");
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ticket WHERE next_due_at <= '" + t(NOW) + "'")) {
                rs.next();
                if (rs.getLong(1) != DUE) {
                    throw new IllegalStateException(rs.getLong(1) + " due, expected " + DUE);
                }
            }
        }
    }

    static boolean warmedUp;

    static void sweeps(DeadlineSweep sweep, SweeperVerticle sweeper, Connection c, FixedClock clock) throws Exception {
        List<Long> single = new ArrayList<>();
        List<Long> passes = new ArrayList<>();
        if (!warmedUp) {
            // The first sweep in a JVM runs its code cold (JIT); a running sweeper has long since warmed up.
            makeDue(c);
            long start = System.nanoTime();
            sweep.sweep(DUE);
            System.out.printf("first sweep in this JVM (cold, not counted): %d ms%n", ms(start));
            warmedUp = true;
        }
        for (int round = 0; round < ROUNDS; round++) {
            makeDue(c);
            RoundTrips.reset();
            long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long start = System.nanoTime();
            DeadlineSweep.SweepReport report = sweep.sweep(DUE);
            long took = System.nanoTime() - start;
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
            single.add(took);
            if (report.escalated() != DUE) {
                throw new IllegalStateException("escalated " + report);
            }
            if (round == 0) {
                System.out.printf("sweep.sweep(1000): %s in %d ms (%d ms on the sweeping thread's CPU); %d statements sent: %s; "
                        + "waiting for the server %d ms: %s%n", report, took / 1_000_000, cpu / 1_000_000, RoundTrips.total(),
                        RoundTrips.byKind(), RoundTrips.waitedMs(), RoundTrips.msByKind());
            }

            makeDue(c);
            RoundTrips.reset();
            SweeperVerticle.Pass pass = sweeper.runOnce().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            passes.add(pass.took().toNanos());
            if (pass.total().escalated() != DUE) {
                throw new IllegalStateException("pass escalated " + pass);
            }
            if (round == 0) {
                System.out.printf("sweeper pass: %s in %d batches; %d statements sent%n", pass.outcome(), pass.batches(), RoundTrips.total());
            }
        }
        System.out.printf("sweep of %d due, one sweep.sweep(1000): %s ms (median %d ms)%n", DUE, list(single), median(single));
        System.out.printf("sweep of %d due, SweeperVerticle pass (lock + 2 x 500 + release): %s ms (median %d ms)%n", DUE, list(passes),
                median(passes));
    }

    static String list(List<Long> nanos) {
        return nanos.stream().map(n -> Long.toString(n / 1_000_000)).reduce((a, b) -> a + ", " + b).orElse("");
    }

    static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2) / 1_000_000;
    }

    static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The benchmark's clock: fixed, so deadlines are those of the loaded data. */
    static final class FixedClock extends Clock {
        private volatile Instant now;

        FixedClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * Counts what the desk's connections send to the server: one call per statement (a rewritten batch is
     * one), with the time until its answer, by the statement's first words.
     */
    public static final class RoundTrips implements QueryInterceptor {
        static final AtomicLong TOTAL = new AtomicLong();
        static final AtomicLong WAITED = new AtomicLong();
        static final Map<String, AtomicLong> KINDS = new ConcurrentHashMap<>();
        static final Map<String, AtomicLong> KIND_NANOS = new ConcurrentHashMap<>();
        static final ThreadLocal<long[]> STARTED = ThreadLocal.withInitial(() -> new long[1]);
        static final ThreadLocal<String[]> CURRENT = ThreadLocal.withInitial(() -> new String[1]);

        static void reset() {
            TOTAL.set(0);
            WAITED.set(0);
            KINDS.clear();
            KIND_NANOS.clear();
        }

        /** Time spent waiting for the server, in ms. */
        static long waitedMs() {
            return WAITED.get() / 1_000_000;
        }

        static Map<String, Long> msByKind() {
            Map<String, Long> out = new TreeMap<>();
            KIND_NANOS.forEach((k, v) -> out.put(k, v.get() / 1_000_000));
            return out;
        }

        static long total() {
            return TOTAL.get();
        }

        static Map<String, Long> byKind() {
            Map<String, Long> out = new TreeMap<>();
            KINDS.forEach((k, v) -> out.put(k, v.get()));
            return out;
        }

        @Override
        public QueryInterceptor init(MysqlConnection conn, Properties props, Log log) {
            return this;
        }

        @Override
        public <T extends Resultset> T preProcess(Supplier<String> sql, Query interceptedQuery) {
            TOTAL.incrementAndGet();
            String text = sql.get();
            String kind = text == null ? "?" : text.strip();
            kind = kind.length() > 24 ? kind.substring(0, 24) : kind;
            KINDS.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            CURRENT.get()[0] = kind;
            STARTED.get()[0] = System.nanoTime();
            return null;
        }

        @Override
        public boolean executeTopLevelOnly() {
            return true;
        }

        @Override
        public void destroy() {
        }

        @Override
        public <T extends Resultset> T postProcess(Supplier<String> sql, Query interceptedQuery, T originalResultSet,
                                                   ServerSession serverSession) {
            long took = System.nanoTime() - STARTED.get()[0];
            WAITED.addAndGet(took);
            KIND_NANOS.computeIfAbsent(CURRENT.get()[0], k -> new AtomicLong()).addAndGet(took);
            return null;
        }
    }
}
