import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for scripts/bench-miniapp: signs USERS villagers in through the demo-only WeChat fake, each picks the home
 * village, binds a phone (the fake's) and makes one report; then for SECONDS keeps CONCURRENCY requests in flight,
 * mixed as a phone uses the API: 44% "my reports", 44% one of my reports, 10% a new report, 2% a real-name report
 * (实名举报, with a made-up name and a made-up but checksummed ID number of a county code that does not exist).
 * Prints requests/s and latency per kind, and, given {@code -Dbench.watch=name:pid,...}, the CPU seconds each of
 * those processes (and this one) spent during the load, per request: a figure that other load on the machine
 * disturbs far less than latency.
 * Bounded: SECONDS of load and at most 2,000,000 requests. Loopback only (the base URL the script gives).
 */
public class MiniappLoad {
    static final int MAX_REQUESTS = 2_000_000;
    static final String VILLAGE = System.getProperty("bench.village", "359901100201");
    static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    static final Pattern NO = Pattern.compile("\"no\":(\\d+)");
    /** GB 11643: the weights of the 17 digits and the check character of the sum modulo 11. */
    static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static final String ID_CHECK = "10X98765432";

    record User(String token, long no) {
    }

    /** Latencies in 0.1 ms buckets up to 10 s. */
    static final class Histogram {
        final AtomicLongArray buckets = new AtomicLongArray(100_001);
        final AtomicInteger count = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        void add(long nanos, boolean ok) {
            buckets.incrementAndGet((int) Math.min(100_000, nanos / 100_000));
            count.incrementAndGet();
            if (!ok) {
                failed.incrementAndGet();
            }
        }

        double percentile(double p) {
            long target = (long) Math.ceil(count.get() * p);
            long seen = 0;
            for (int i = 0; i < buckets.length(); i++) {
                seen += buckets.get(i);
                if (seen >= target && target > 0) {
                    return i / 10.0;
                }
            }
            return Double.NaN;
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // the HTTP client's threads would keep the JVM alive
        }
    }

    static void run(String[] args) throws Exception {
        String base = args[0];
        int users = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        if (!URI.create(base).getHost().startsWith("127.")) {
            throw new IllegalArgumentException("loopback only");
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newFixedThreadPool(4)).build();
        String run = Long.toString(System.nanoTime(), 36);
        List<User> prepared = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < users; i++) {
            String token = match(TOKEN, post(client, base + "/miniapp/v1/session", null, "{\"code\":\"demo-bench-" + run + "-" + i + "\"}"));
            send(client, HttpRequest.newBuilder(URI.create(base + "/miniapp/v1/me/village")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"villageCode\":\"" + VILLAGE + "\"}")).build());
            send(client, HttpRequest.newBuilder(URI.create(base + "/miniapp/v1/me/phone")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"code\":\"demo-phone-" + i + "\"}")).build());
            long no = Long.parseLong(match(NO, post(client, base + "/miniapp/v1/reports", token, report(i, 0))));
            prepared.add(new User(token, no));
        }
        System.out.printf(Locale.ROOT, "prepared %d users with a report each in %.1f s%n", users, (System.nanoTime() - t0) / 1e9);

        Histogram mine = new Histogram();
        Histogram one = new Histogram();
        Histogram submit = new Histogram();
        Histogram realName = new Histogram();
        AtomicInteger sent = new AtomicInteger();
        List<Watched> watched = Watched.of(System.getProperty("bench.watch", ""));
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            loops.add(loop(client, base, prepared, end, sent, new Kinds(mine, one, submit, realName)));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = mine.count.get() + one.count.get() + submit.count.get() + realName.count.get();
        System.out.printf(Locale.ROOT, "%d requests in %.1f s at concurrency %d: %.0f req/s%n", total, elapsed, concurrency, total / elapsed);
        for (Watched w : watched) {
            double cpu = w.cpuSeconds() - w.startCpu;
            System.out.printf(Locale.ROOT, "cpu %-9s %.1f s = %.2f ms per request%n", w.name, cpu, cpu * 1000 / Math.max(1, total));
        }
        print("GET /reports      ", mine);
        print("GET /reports/{no} ", one);
        print("POST /reports     ", submit);
        print("POST /reports/confidential", realName);
        Histogram all = new Histogram();
        for (Histogram h : List.of(mine, one, submit, realName)) {
            for (int i = 0; i < h.buckets.length(); i++) {
                all.buckets.addAndGet(i, h.buckets.get(i));
            }
            all.count.addAndGet(h.count.get());
            all.failed.addAndGet(h.failed.get());
        }
        print("all               ", all);
        System.exit(0);
    }

    static void print(String name, Histogram h) {
        System.out.printf(Locale.ROOT, "%s n=%d failed=%d p50=%.1f ms p99=%.1f ms p99.9=%.1f ms%n", name, h.count.get(), h.failed.get(),
                h.percentile(0.50), h.percentile(0.99), h.percentile(0.999));
    }

    /** The histogram of each kind of request. */
    record Kinds(Histogram mine, Histogram one, Histogram submit, Histogram realName) {
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

    static CompletableFuture<Void> loop(HttpClient client, String base, List<User> users, long end, AtomicInteger sent, Kinds kinds) {
        if (System.nanoTime() >= end || sent.incrementAndGet() > MAX_REQUESTS) {
            return CompletableFuture.completedFuture(null);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        User u = users.get(random.nextInt(users.size()));
        int dice = random.nextInt(100);
        HttpRequest request;
        Histogram into;
        if (dice < 44) {
            request = HttpRequest.newBuilder(URI.create(base + "/miniapp/v1/reports")).header("Authorization", "Bearer " + u.token()).GET().build();
            into = kinds.mine();
        } else if (dice < 88) {
            request = HttpRequest.newBuilder(URI.create(base + "/miniapp/v1/reports/" + u.no())).header("Authorization", "Bearer " + u.token()).GET().build();
            into = kinds.one();
        } else if (dice < 98) {
            request = HttpRequest.newBuilder(URI.create(base + "/miniapp/v1/reports")).header("Authorization", "Bearer " + u.token())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(report(random.nextInt(1_000_000), 1))).build();
            into = kinds.submit();
        } else {
            request = HttpRequest.newBuilder(URI.create(base + "/miniapp/v1/reports/confidential")).header("Authorization", "Bearer " + u.token())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(realNameReport(random.nextInt(1_000_000)))).build();
            into = kinds.realName();
        }
        long t = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((r, e) -> {
                    into.add(System.nanoTime() - t, e == null && r.statusCode() < 300);
                    return null;
                })
                .thenCompose(v -> loop(client, base, users, end, sent, kinds));
    }

    /** A real-name report accusing a written-in cadre (not one of the registry), with a made-up identity. */
    static String realNameReport(int i) {
        return "{\"villageCode\":\"" + VILLAGE + "\",\"realName\":\"测试举报人" + (i % 1000) + "\",\"idNumber\":\"" + fakeIdNumber(i)
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

    static String report(int i, int kind) {
        String[] what = {"村口路灯坏了，晚上很黑", "水渠堵了，田里积水", "村道有个大坑", "垃圾好几天没人清运", "自来水时断时续"};
        return "{\"villageCode\":\"" + VILLAGE + "\",\"content\":\"" + what[i % what.length] + "（第 " + i + "-" + kind + " 次）\",\"subscribe\":false}";
    }

    static String post(HttpClient client, String url, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(client, b.build());
    }

    static String send(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String match(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        return m.group(1);
    }
}
