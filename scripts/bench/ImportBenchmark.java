import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a generated county (15 towns x 20 villages = 300 villages, 600 groups, 2,000 people, of whom
 * 53 have logins) into a running platform over HTTP, twice, and prints the wall-clock time of each
 * import. The second round must change nothing. Run by scripts/bench-import; JDK only, no dependencies.
 *
 * Usage: java ImportBenchmark.java BASE_URL ADMIN_PASSWORD
 */
public final class ImportBenchmark {
    static final String CITY = "3598";
    static final String COUNTY = "359801";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String adminPassword = args[1];
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = login(http, base, adminPassword);

        String[] kinds = {"regions", "groups", "people"};
        String[] files = {regions(), groups(), people()};
        for (int i = 0; i < kinds.length; i++) {
            System.out.printf("%-8s %7d bytes, %5d rows%n", kinds[i], files[i].length(), files[i].split("\n").length - 1);
        }
        boolean ok = true;
        for (String round : List.of("first import", "re-import")) {
            long total = 0;
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < kinds.length; i++) {
                long start = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/import/" + kinds[i]))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofString(files[i], StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long ms = (System.nanoTime() - start) / 1_000_000;
                total += ms;
                if (r.statusCode() != 200) {
                    System.out.println(kinds[i] + " failed: " + r.statusCode() + " " + r.body());
                    System.exit(1);
                }
                line.append(String.format("  %s %d ms %s%n", kinds[i], ms, r.body()));
                if (round.equals("re-import") && !(field(r.body(), "inserted") == 0 && field(r.body(), "updated") == 0)) {
                    ok = false;
                }
            }
            System.out.printf("%s: %d ms%n%s", round, total, line);
            if (round.equals("first import") && total >= 10_000) {
                System.out.println("FAIL: the first import took 10 s or more");
                ok = false;
            }
        }
        System.out.println(ok ? "OK: under 10 s, and re-importing changed nothing" : "FAIL");
        System.exit(ok ? 0 : 1);
    }

    static int field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static String login(HttpClient http, String base, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    static List<String> towns() {
        List<String> towns = new ArrayList<>();
        for (int t = 0; t < 15; t++) {
            towns.add(COUNTY + (100 + t));
        }
        return towns;
    }

    static List<String> villages(String town) {
        List<String> villages = new ArrayList<>();
        for (int v = 1; v <= 20; v++) {
            villages.add(town + (200 + v));
        }
        return villages;
    }

    static String regions() {
        StringBuilder csv = new StringBuilder("code,name,level,parent_code\n");
        csv.append(CITY).append(",基准市,city,\n").append(COUNTY).append(",基准县,county,").append(CITY).append('\n');
        for (String town : towns()) {
            csv.append(town).append(",基准镇").append(town.substring(6)).append(",town,").append(COUNTY).append('\n');
            for (String village : villages(town)) {
                csv.append(village).append(",基准村").append(village.substring(6)).append(",village,").append(town).append('\n');
            }
        }
        return csv.toString();
    }

    static String groups() {
        StringBuilder csv = new StringBuilder("channel,group_id,village_code,name\n");
        for (String town : towns()) {
            for (String village : villages(town)) {
                csv.append("bridge,bench-").append(village).append("-1,").append(village).append(",村务监督群\n");
                csv.append("wecom,wrbench").append(village).append(',').append(village).append(",村务监督二群\n");
            }
        }
        return csv.toString();
    }

    static String people() {
        StringBuilder csv = new StringBuilder("name,role,scope_code,channel,channel_user_id,username,password\n");
        int n = 0;
        for (int i = 0; i < 5; i++, n++) {
            csv.append("县办事员").append(i).append(",county_officer,").append(COUNTY).append(",,,bench-county-").append(i).append(",bench-password\n");
        }
        for (int i = 0; i < 3; i++, n++) {
            csv.append("县纪委干部").append(i).append(",discipline_officer,").append(COUNTY).append(",,,bench-jjw-").append(i).append(",bench-password\n");
        }
        for (String town : towns()) {
            csv.append("镇办事员,town_officer,").append(town).append(",,,bench-to-").append(town).append(",bench-password\n");
            csv.append("驻村干部,resident_cadre,").append(town).append(",wecom,rc-").append(town).append(",bench-rc-").append(town).append(",bench-password\n");
            csv.append("镇纪委干部,discipline_officer,").append(town).append(",,,bench-tj-").append(town).append(",bench-password\n");
            n += 3;
        }
        List<String> all = new ArrayList<>();
        towns().forEach(t -> all.addAll(villages(t)));
        for (String village : all) {
            csv.append("村干部,village_cadre,").append(village).append(",bridge,cadre-").append(village).append(",,\n");
            csv.append("报账员,bookkeeper,").append(village).append(",bridge,bk-").append(village).append(",,\n");
            n += 2;
        }
        for (int i = 0; n < 2000; i++, n++) {
            String village = all.get(i % all.size());
            csv.append("村民,villager,").append(village).append(",bridge,v-").append(village).append('-').append(i).append(",,\n");
        }
        return csv.toString();
    }
}
