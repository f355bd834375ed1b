import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for scripts/bench-miniapp: signs USERS villagers in through the demo-only WeChat fake, each picks a home
 * village (spread over the villages given in {@code -Dbench.villages}, comma-separated), binds a phone (the fake's)
 * and makes one report; then, after WARMUP seconds of the same load that are not counted (the platform's JIT is
 * still compiling for the first half minute), for SECONDS keeps CONCURRENCY requests in flight, mixed as a phone
 * uses the API: 44% "my reports", 44% one of my reports, 10% a new report, 2% a real-name report (实名举报, with a
 * made-up name and a made-up but checksummed ID number of a county code that does not exist); {@code -Dbench.mix=get}
 * sends only the two reads, {@code post} only the two writes.
 * Prints requests/s and latency per kind, and, given {@code -Dbench.watch=name:pid,...}, the CPU seconds each of
 * those processes (and this one) spent during the counted load, per request: a figure that other load on the machine
 * disturbs far less than latency.
 * The load is one thread driving CONCURRENCY keep-alive HTTP/1.1 connections through one NIO selector (a few
 * microseconds of CPU a request, where java.net.http spent ~1.9 ms), so the generator leaves the two cores to the
 * platform and the database. Writers are taken round-robin so no user spends the platform's 20 writes/hour budget
 * before the others. Bounded: WARMUP + SECONDS of load and at most 2,000,000 requests. Loopback only.
 */
public class MiniappLoad {
    static final int MAX_REQUESTS = 2_000_000;
    static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    static final Pattern NO = Pattern.compile("\"no\":(\\d+)");
    /** GB 11643: the weights of the 17 digits and the check character of the sum modulo 11. */
    static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static final String ID_CHECK = "10X98765432";

    record User(String token, long no, String village) {
    }

    /** Latencies in 0.1 ms buckets up to 10 s; one thread writes it. */
    static final class Histogram {
        final long[] buckets = new long[100_001];
        long count;
        long failed;
        final StringBuilder firstFailure = new StringBuilder();

        void add(long nanos, boolean ok) {
            buckets[(int) Math.min(100_000, nanos / 100_000)]++;
            count++;
            if (!ok) {
                failed++;
            }
        }

        double percentile(double p) {
            long target = (long) Math.ceil(count * p);
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i];
                if (seen >= target && target > 0) {
                    return i / 10.0;
                }
            }
            return Double.NaN;
        }

        void addAll(Histogram other) {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] += other.buckets[i];
            }
            count += other.count;
            failed += other.failed;
        }
    }

    /** One request to send: its bytes and the histogram its answer goes to. */
    record Request(byte[] bytes, Histogram into) {
    }

    /** A parsed answer. */
    record Response(int status, String body) {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int users = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(System.getProperty("bench.warmup", "30"));
        double rate = Double.parseDouble(System.getProperty("bench.rate", "0"));
        String mix = System.getProperty("bench.mix", "mixed");
        if (!List.of("mixed", "get", "post").contains(mix)) {
            throw new IllegalArgumentException("bench.mix is mixed, get or post: " + mix);
        }
        List<String> villages = List.of(System.getProperty("bench.villages", "359901100201").split(","));
        if (!base.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("loopback only");
        }
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        String host = base.getHost() + ":" + base.getPort();
        String run = Long.toString(System.nanoTime(), 36);

        long t0 = System.nanoTime();
        List<User> prepared = prepare(address, host, run, users, villages);
        System.out.printf(Locale.ROOT, "prepared %d users over %d villages with a report each in %.1f s%n", users, villages.size(),
                (System.nanoTime() - t0) / 1e9);

        AtomicInteger writer = new AtomicInteger();
        SplittableRandom random = new SplittableRandom(42);
        Kinds warm = new Kinds();
        if (warmup > 0) {
            drive(address, concurrency, Duration.ofSeconds(warmup), () -> next(host, prepared, writer, random, warm, mix));
        }
        // the script starts its JFR recording on this line
        System.out.printf(Locale.ROOT, "warm-up: %d requests in %d s (not counted), %d failed%n", warm.total(), warmup,
                warm.each().stream().mapToLong(h -> h.failed).sum());
        Kinds kinds = new Kinds();
        List<Watched> watched = Watched.of(System.getProperty("bench.watch", ""));
        long start = System.nanoTime();
        drive(address, concurrency, Duration.ofSeconds(seconds), () -> next(host, prepared, writer, random, kinds, mix), rate);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = kinds.total();
        System.out.printf(Locale.ROOT, "mix %s: %d requests in %.1f s %s: %.0f req/s%n", mix, total, elapsed,
                rate > 0 ? String.format(Locale.ROOT, "offered at %.0f/s (at most %d in flight; latency from when each was due)", rate, concurrency)
                        : "at concurrency " + concurrency, total / elapsed);
        for (Watched w : watched) {
            double cpu = w.cpuSeconds() - w.startCpu;
            System.out.printf(Locale.ROOT, "cpu %-9s %.1f s = %.3f ms per request%n", w.name, cpu, cpu * 1000 / Math.max(1, total));
        }
        print("GET /reports      ", kinds.mine);
        print("GET /reports/{no} ", kinds.one);
        print("POST /reports     ", kinds.submit);
        print("POST /reports/confidential", kinds.realName);
        Histogram all = new Histogram();
        for (Histogram h : kinds.each()) {
            all.addAll(h);
        }
        print("all               ", all);
        for (Histogram h : kinds.each()) {
            if (!h.firstFailure.isEmpty()) {
                System.out.println("first failure: " + h.firstFailure);
            }
        }
        System.exit(0);
    }

    /**
     * Each user's sign-in, village, phone and first report, 16 users at a time (each user's four steps in order on
     * one connection).
     */
    static List<User> prepare(InetSocketAddress address, String host, String run, int users, List<String> villages) throws IOException {
        User[] out = new User[users];
        AtomicInteger nextUser = new AtomicInteger();
        int lanes = Math.min(16, users);
        // a lane is one connection's script: the four steps of one user, then the next user's
        List<Lane> all = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            all.add(new Lane());
        }
        Histogram ignored = new Histogram();
        Driver driver = new Driver(address, lanes);
        driver.run(Long.MAX_VALUE, c -> {
            Lane l = all.get(c);
            if (l.step == 0) {
                l.user = nextUser.getAndIncrement();
                if (l.user >= users) {
                    return null;
                }
                l.village = villages.get(l.user % villages.size());
            }
            return switch (l.step) {
                case 0 -> new Request(http("POST", "/miniapp/v1/session", host, null, "{\"code\":\"demo-bench-" + run + "-" + l.user + "\"}"), ignored);
                case 1 -> new Request(http("PUT", "/miniapp/v1/me/village", host, l.token, "{\"villageCode\":\"" + l.village + "\"}"), ignored);
                case 2 -> new Request(http("PUT", "/miniapp/v1/me/phone", host, l.token, "{\"code\":\"demo-phone-" + l.user + "\"}"), ignored);
                default -> new Request(http("POST", "/miniapp/v1/reports", host, l.token, report(l.village, l.user, 0)), ignored);
            };
        }, (c, r) -> {
            Lane l = all.get(c);
            if (r.status() >= 300) {
                throw new IllegalStateException("preparing user " + l.user + ", step " + l.step + " answered " + r.status() + ": " + r.body());
            }
            switch (l.step) {
                case 0 -> l.token = match(TOKEN, r.body());
                case 3 -> out[l.user] = new User(l.token, Long.parseLong(match(NO, r.body())), l.village);
                default -> {
                }
            }
            l.step = (l.step + 1) % 4;
        });
        return List.of(out);
    }

    /** One preparing connection's place in its user's steps. */
    static final class Lane {
        int step;
        int user;
        String village;
        String token;
    }

    static void drive(InetSocketAddress address, int concurrency, Duration length, java.util.function.Supplier<Request> next) throws IOException {
        drive(address, concurrency, length, next, 0);
    }

    /** @param rate requests per second offered at a fixed rate (at most {@code concurrency} in flight); 0: a closed loop */
    static void drive(InetSocketAddress address, int concurrency, Duration length, java.util.function.Supplier<Request> next, double rate)
            throws IOException {
        AtomicInteger sent = new AtomicInteger();
        new Driver(address, concurrency).run(System.nanoTime() + length.toNanos(), c -> sent.incrementAndGet() > MAX_REQUESTS ? null : next.get(),
                (c, r) -> {
                }, rate);
    }

    /** The histogram of each kind of request. */
    static final class Kinds {
        final Histogram mine = new Histogram();
        final Histogram one = new Histogram();
        final Histogram submit = new Histogram();
        final Histogram realName = new Histogram();

        List<Histogram> each() {
            return List.of(mine, one, submit, realName);
        }

        long total() {
            return mine.count + one.count + submit.count + realName.count;
        }
    }

    static Request next(String host, List<User> users, AtomicInteger writer, SplittableRandom random, Kinds kinds, String mix) {
        int dice = switch (mix) {
            case "get" -> random.nextInt(88);
            case "post" -> 88 + random.nextInt(12);
            default -> random.nextInt(100);
        };
        if (dice < 88) {
            User u = users.get(random.nextInt(users.size()));
            return dice < 44
                    ? new Request(http("GET", "/miniapp/v1/reports", host, u.token(), null), kinds.mine)
                    : new Request(http("GET", "/miniapp/v1/reports/" + u.no(), host, u.token(), null), kinds.one);
        }
        int w = writer.getAndIncrement();
        User u = users.get(Math.floorMod(w, users.size()));
        return dice < 98
                ? new Request(http("POST", "/miniapp/v1/reports", host, u.token(), report(u.village(), w, 1)), kinds.submit)
                : new Request(http("POST", "/miniapp/v1/reports/confidential", host, u.token(), realNameReport(u.village(), w)), kinds.realName);
    }

    /**
     * CONCURRENCY keep-alive connections on one selector: each sends a request, reads the whole answer
     * (Content-Length bodies only, which is what Vert.x sends for a whole buffer), records it, and sends the next.
     */
    static final class Driver {
        interface Source {
            /** The next request of connection {@code c}, or null when it has no more. */
            Request next(int c);
        }

        interface Sink {
            void answered(int c, Response r);
        }

        private final InetSocketAddress address;
        private final int connections;

        Driver(InetSocketAddress address, int connections) {
            this.address = address;
            this.connections = connections;
        }

        /** One connection's state. */
        static final class Conn {
            final int index;
            SocketChannel channel;
            ByteBuffer out;
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            Request request;
            long startedAt;

            Conn(int index) {
                this.index = index;
            }
        }

        void run(long endNanos, Source source, Sink sink) throws IOException {
            run(endNanos, source, sink, 0);
        }

        /**
         * {@code rate} 0: each connection sends its next request as soon as its answer is in (a closed loop: the load
         * rises until the platform is saturated). {@code rate} > 0: requests are due at a fixed rate, each taken by an
         * idle connection when it is due, its latency counted from when it was due, so a request that had to wait for a
         * free connection counts that wait too (no coordinated omission).
         */
        void run(long endNanos, Source source, Sink sink, double rate) throws IOException {
            long period = rate > 0 ? Math.max(1, (long) (1e9 / rate)) : 0;
            long nextDue = System.nanoTime();
            java.util.ArrayDeque<SelectionKey> idle = new java.util.ArrayDeque<>();
            try (Selector selector = Selector.open()) {
                int open = 0;
                for (int c = 0; c < connections; c++) {
                    Conn conn = new Conn(c);
                    conn.channel = SocketChannel.open(address);
                    conn.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    conn.channel.configureBlocking(false);
                    SelectionKey key = conn.channel.register(selector, 0, conn);
                    if (period > 0) {
                        idle.add(key);
                        open++;
                    } else if (start(conn, key, source, System.nanoTime())) {
                        open++;
                    }
                }
                while (open > 0) {
                    if (period > 0) {
                        long now = System.nanoTime();
                        while (!idle.isEmpty() && nextDue <= now && nextDue < endNanos) {
                            SelectionKey key = idle.poll();
                            if (!start((Conn) key.attachment(), key, source, nextDue)) {
                                key.cancel();
                                key.channel().close();
                                open--;
                            }
                            nextDue += period;
                        }
                        if (now >= endNanos || nextDue >= endNanos) {
                            if (nextDue < endNanos) {
                                System.out.printf(Locale.ROOT, "%d requests were due but never sent: no connection was free%n",
                                        (endNanos - nextDue) / period);
                                nextDue = endNanos;
                            }
                            // Past the end: the idle ones close; those still out close once answered.
                            while (!idle.isEmpty()) {
                                SelectionKey key = idle.poll();
                                key.cancel();
                                key.channel().close();
                                open--;
                            }
                            if (open == 0) {
                                break;
                            }
                        }
                        long waitNanos = idle.isEmpty() ? 1_000_000_000L : Math.max(0, nextDue - System.nanoTime());
                        if (waitNanos < 100_000) {
                            selector.selectNow();
                        } else {
                            selector.select(Math.max(1, waitNanos / 1_000_000));
                        }
                    } else {
                        selector.select(1000);
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        Conn conn = (Conn) key.attachment();
                        if (key.isWritable()) {
                            conn.channel.write(conn.out);
                            if (!conn.out.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        } else if (key.isReadable()) {
                            if (conn.channel.read(conn.in) < 0) {
                                throw new IOException("the platform closed connection " + conn.index);
                            }
                            if (!conn.in.hasRemaining()) {
                                conn.in = ByteBuffer.allocate(conn.in.capacity() * 2).put(conn.in.flip());
                            }
                            Response r = parse(conn.in);
                            if (r != null) {
                                long took = System.nanoTime() - conn.startedAt;
                                conn.request.into().add(took, r.status() < 300);
                                if (TIMELINE) {
                                    timeline(took);
                                }
                                if (r.status() >= 300 && conn.request.into().firstFailure.isEmpty()) {
                                    conn.request.into().firstFailure.append(r.status()).append(' ').append(r.body(), 0, Math.min(300, r.body().length()));
                                }
                                sink.answered(conn.index, r);
                                if (period > 0 && System.nanoTime() < endNanos) {
                                    key.interestOps(0);
                                    idle.add(key);
                                } else if (System.nanoTime() >= endNanos || !start(conn, key, source, System.nanoTime())) {
                                    key.cancel();
                                    conn.channel.close();
                                    open--;
                                }
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
            }
        }

        /** {@code -Dbench.timeline=true}: each second's answers, median and slowest, to see where the slow ones cluster. */
        static final boolean TIMELINE = Boolean.getBoolean("bench.timeline");
        private static long second = -1;
        private static final List<Long> tookThisSecond = new ArrayList<>();

        private static void timeline(long took) {
            long now = System.nanoTime() / 1_000_000_000L;
            if (now != second) {
                if (!tookThisSecond.isEmpty()) {
                    tookThisSecond.sort(null);
                    System.out.printf(Locale.ROOT, "  second %d: %d answers, median %.1f ms, p99 %.1f ms, slowest %.1f ms%n", second % 10_000,
                            tookThisSecond.size(), tookThisSecond.get(tookThisSecond.size() / 2) / 1e6,
                            tookThisSecond.get(tookThisSecond.size() * 99 / 100) / 1e6, tookThisSecond.get(tookThisSecond.size() - 1) / 1e6);
                }
                tookThisSecond.clear();
                second = now;
            }
            tookThisSecond.add(took);
        }

        /** @param dueAt when the request counts from: now in a closed loop, when it was due at a fixed rate */
        private static boolean start(Conn conn, SelectionKey key, Source source, long dueAt) throws IOException {
            conn.request = source.next(conn.index);
            if (conn.request == null) {
                return false;
            }
            conn.in.clear();
            conn.out = ByteBuffer.wrap(conn.request.bytes());
            conn.startedAt = dueAt;
            conn.channel.write(conn.out);
            key.interestOps(conn.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            return true;
        }

        /** The whole answer in {@code in} (position = bytes read), or null while it is incomplete. */
        static Response parse(ByteBuffer in) {
            byte[] a = in.array();
            int n = in.position();
            int headEnd = -1;
            for (int i = 3; i < n; i++) {
                if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                    headEnd = i + 1;
                    break;
                }
            }
            if (headEnd < 0) {
                return null;
            }
            String head = new String(a, 0, headEnd, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = -1;
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                } else if (line.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                    throw new IllegalStateException("chunked answers are not read by this generator: " + head);
                }
            }
            if (length < 0) {
                throw new IllegalStateException("an answer without Content-Length: " + head);
            }
            if (n < headEnd + length) {
                return null;
            }
            return new Response(status, new String(a, headEnd, length, StandardCharsets.UTF_8));
        }
    }

    static byte[] http(String method, String path, String host, String token, String json) {
        StringBuilder b = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        if (token != null) {
            b.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            b.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] head = b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static void print(String name, Histogram h) {
        System.out.printf(Locale.ROOT, "%s n=%d failed=%d p50=%.1f ms p99=%.1f ms p99.9=%.1f ms%n", name, h.count, h.failed,
                h.percentile(0.50), h.percentile(0.99), h.percentile(0.999));
    }

    /** A process whose CPU time (utime + stime in /proc, 100 ticks a second on Linux) is read before and after the load. */
    static final class Watched {
        final String name;
        final String pid;
        final double startCpu;

        Watched(String name, String pid) {
            this.name = name;
            this.pid = pid;
            this.startCpu = cpuSeconds();
        }

        static List<Watched> of(String spec) {
            List<Watched> out = new ArrayList<>();
            for (String part : spec.split(",")) {
                if (part.contains(":")) {
                    out.add(new Watched(part.substring(0, part.indexOf(':')), part.substring(part.indexOf(':') + 1)));
                }
            }
            out.add(new Watched("generator", Long.toString(ProcessHandle.current().pid())));
            return out;
        }

        double cpuSeconds() {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // fields 14 and 15 of stat
            } catch (java.io.IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
    }

    /** A real-name report accusing a written-in cadre (not one of the registry), with a made-up identity. */
    static String realNameReport(String village, int i) {
        return "{\"villageCode\":\"" + village + "\",\"realName\":\"测试举报人" + (i % 1000) + "\",\"idNumber\":\"" + fakeIdNumber(i)
                + "\",\"accused\":[{\"name\":\"某村干部\",\"position\":\"村委会委员\"}],\"content\":\"低保名单里有不符合条件的人（第 " + i + " 次）\"}";
    }

    /**
     * An 18-digit ID number that passes the checksum but belongs to nobody: county code 359999 does not exist
     * (no 99th city in Fujian), the birth date is a day of 1960-1999.
     */
    static String fakeIdNumber(int i) {
        java.time.LocalDate born = java.time.LocalDate.of(1960, 1, 1).plusDays(i % 14_000);
        String body = "359999" + born.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + String.format(Locale.ROOT, "%03d", i % 1000);
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (body.charAt(k) - '0') * ID_WEIGHTS[k];
        }
        return body + ID_CHECK.charAt(sum % 11);
    }

    static String report(String village, int i, int kind) {
        String[] what = {"村口路灯坏了，晚上很黑", "水渠堵了，田里积水", "村道有个大坑", "垃圾好几天没人清运", "自来水时断时续"};
        return "{\"villageCode\":\"" + village + "\",\"content\":\"" + what[i % what.length] + "（第 " + i + "-" + kind + " 次）\",\"subscribe\":false}";
    }

    static String match(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        return m.group(1);
    }
}
