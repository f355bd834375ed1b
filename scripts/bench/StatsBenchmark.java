import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.category.Category;
import org.jianqun.core.category.ComplaintWords;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.statistics.ClueCounts;
import org.jianqun.core.statistics.CommonProblemsJob;
import org.jianqun.core.statistics.DiligenceWeights;
import org.jianqun.core.statistics.Grouping;
import org.jianqun.core.statistics.Statistics;
import org.jianqun.core.statistics.StatisticsQuery;
import org.jianqun.core.statistics.StatisticsTable;
import org.jianqun.core.statistics.TallyCounts;
import org.jianqun.core.statistics.TallyKey;
import org.jianqun.core.statistics.TicketTally;
import org.jianqun.core.ticket.Tier;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.core.ticket.WarningColour;

/**
 * scripts/bench-stats: N tickets over 2024-2026 in one province (9 cities × 10 counties × 15 towns × 11 villages =
 * 14,850 villages), loaded with their tally rows, then the statistics timed through the real read model.
 */
public final class StatsBenchmark {
    static final int CITIES = 9, COUNTIES = 10, TOWNS = 15, VILLAGES = 11;
    static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    static final int DAYS = 3 * 365;
    static final DateTimeFormatter T = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    static final String[] COMPLAINTS = {
        "村口路灯坏了三个月，晚上很黑", "村道坑洼不平，下雨天没法走", "自来水停水一周了没人管", "桥面塌了一块很危险",
        "垃圾堆在路边没人清理，臭气熏天", "污水直排河道，河水发黑发臭", "养殖场臭味很大，苍蝇很多", "公厕很脏没人打扫",
        "低保名额评定不公开", "危房改造补助迟迟没有发放", "养老金被扣了一部分", "医保报销手续太麻烦",
        "村集体土地承包租金去向不明", "村里账目不公开", "征地补偿款没有足额发放", "集体资产被低价发包",
        "村干部吃拿卡要，办事要好处费", "村干部优亲厚友", "村干部态度恶劣，推诿不办事", "村干部上班时间打牌",
        "邻居宅基地占了我家的地", "邻居家盖房滴水到我家", "两家因为边界吵架打架", "村里有人堵路不让过",
        "孩子上学的校车不安全", "村里的广场舞噪音太大", "网络信号很差，打不了电话", "希望增加公交班次"};

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], password = args[2];
        long size = Long.parseLong(args[3]);
        long t0 = System.nanoTime();
        Database database = Database.open(new DatabaseSettings(url, user, password), 4, null, org.jianqun.core.audit.AuditKey.generate());
        System.out.printf("schema migrated in %d ms%n", ms(t0));
        WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
        ComplaintWords words = new ComplaintWords();
        List<Category> categories = database.read(s -> org.jianqun.core.category.CategoryList.read(s).all());
        String[] category = new String[COMPLAINTS.length];
        String[] wordSet = new String[COMPLAINTS.length];
        for (int i = 0; i < COMPLAINTS.length; i++) {
            category[i] = words.guess(COMPLAINTS[i], categories).name();
            wordSet[i] = String.join(" ", words.contentWords(COMPLAINTS[i]));
        }
        String sep = url.contains("?") ? "&" : "?";
        try (Connection c = DriverManager.getConnection(url + sep + "allowLoadLocalInfile=true", user, password)) {
            long t1 = System.nanoTime();
            regions(c);
            load(c, size, calendar, category, wordSet);
            System.out.printf("loaded %,d tickets (ticket, ticket_tally, ticket_words) in %.1f s%n", size, (System.nanoTime() - t1) / 1e9);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ticket_tally")) {
                rs.next();
                System.out.printf("ticket_tally rows: %,d%n", rs.getLong(1));
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE TABLE ticket, ticket_tally, ticket_tally_month, ticket_tally_county_month, ticket_words");
            }
            long t2 = System.nanoTime();
            long countyMonths = new CommonProblemsJob(database).runUntilDone();
            System.out.printf("common problems of %,d county-months (their towns, cities, the province) found in %.1f s%n",
                    countyMonths, (System.nanoTime() - t2) / 1e9);
            Statistics statistics = new Statistics(database, ClueCounts.NONE, DiligenceWeights.defaults());
            Random random = new Random(7);
            time("county month, by village (target < 200 ms)", 40, () -> {
                String county = "35" + two(1 + random.nextInt(CITIES)) + two(1 + random.nextInt(COUNTIES));
                YearMonth m = YearMonth.of(2024 + random.nextInt(3), 1 + random.nextInt(12));
                return statistics.table(new StatisticsQuery(county, m.atDay(1), m.atEndOfMonth(), Grouping.VILLAGE, Optional.empty()));
            });
            time("county month, 勤廉指数", 40, () -> {
                String county = "35" + two(1 + random.nextInt(CITIES)) + two(1 + random.nextInt(COUNTIES));
                return statistics.diligence(county, YearMonth.of(2024 + random.nextInt(3), 1 + random.nextInt(12)), Optional.empty())
                        .villages().size() + " villages";
            });
            time("province year, by town (target < 2 s)", 10, () -> {
                int year = 2024 + random.nextInt(3);
                return statistics.table(new StatisticsQuery("35", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Grouping.TOWN, Optional.empty()));
            });
            time("province year, by category", 10, () -> {
                int year = 2024 + random.nextInt(3);
                return statistics.table(new StatisticsQuery("35", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Grouping.CATEGORY, Optional.empty()));
            });
            time("county, 2026-03-10..2026-09-20 by village (partial months)", 10, () -> {
                String county = "35" + two(1 + random.nextInt(CITIES)) + two(1 + random.nextInt(COUNTIES));
                return statistics.table(new StatisticsQuery(county, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 9, 20), Grouping.VILLAGE, Optional.empty()));
            });
            time("province year, by month", 10, () -> {
                int year = 2024 + random.nextInt(3);
                return statistics.table(new StatisticsQuery("35", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Grouping.MONTH, Optional.empty()));
            });
            // What the tally replaces: the same period counted straight off the ticket table (a few counters only).
            time("province year, by town, off the ticket table (comparison)", 3, () -> {
                int year = 2024 + random.nextInt(3);
                try (PreparedStatement ps = c.prepareStatement("SELECT SUBSTRING(village_code, 1, 9), COUNT(*), SUM(state = 'CLOSED'), "
                        + "SUM(urged > 0), SUM(reopened > 0), SUM(ending = 'SATISFIED') FROM ticket WHERE registered_at >= ? AND registered_at < ? "
                        + "AND village_code LIKE '35%' GROUP BY SUBSTRING(village_code, 1, 9)")) {
                    ps.setString(1, year + "-01-01");
                    ps.setString(2, (year + 1) + "-01-01");
                    int n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            n++;
                        }
                    }
                    return n;
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        database.close();
    }

    static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    static String village(int i) {
        int v = i % VILLAGES, t = (i / VILLAGES) % TOWNS, co = (i / VILLAGES / TOWNS) % COUNTIES, ci = i / VILLAGES / TOWNS / COUNTIES;
        return "35" + two(ci + 1) + two(co + 1) + (100 + t) + (201 + v);
    }

    static void regions(Connection c) throws Exception {
        Path f = Files.createTempFile("bench-regions", ".tsv");
        String now = "2026-01-01 00:00:00.000";
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int ci = 1; ci <= CITIES; ci++) {
                String city = "35" + two(ci);
                w.write(city + "\t第" + ci + "市\tCITY\t\\N\t" + now + "\t" + now + "\n");
                for (int co = 1; co <= COUNTIES; co++) {
                    String county = city + two(co);
                    w.write(county + "\t" + ci + "市" + co + "县\tCOUNTY\t" + city + "\t" + now + "\t" + now + "\n");
                    for (int t = 0; t < TOWNS; t++) {
                        String town = county + (100 + t);
                        w.write(town + "\t" + county + "镇" + t + "\tTOWN\t" + county + "\t" + now + "\t" + now + "\n");
                        for (int v = 0; v < VILLAGES; v++) {
                            w.write(town + (201 + v) + "\t" + town + "村" + v + "\tVILLAGE\t" + town + "\t" + now + "\t" + now + "\n");
                        }
                    }
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("LOAD DATA LOCAL INFILE '" + f + "' INTO TABLE region CHARACTER SET utf8mb4 (code, name, level, parent_code, created_at, updated_at)");
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /** Tickets in chunks: a ticket row, its word set, and its contribution summed into the tally (written at the end). */
    static void load(Connection c, long size, WorkingDayCalendar calendar, String[] category, String[] wordSet) throws Exception {
        Random random = new Random(42);
        int villages = CITIES * COUNTIES * TOWNS * VILLAGES;
        Map<TallyKey, TallyCounts> tally = new HashMap<>();
        Path tickets = Files.createTempFile("bench-tickets", ".tsv");
        Path words = Files.createTempFile("bench-words", ".tsv");
        try {
            for (long chunk = 0; chunk < size; chunk += 200_000) {
                long end = Math.min(size, chunk + 200_000);
                try (BufferedWriter w = Files.newBufferedWriter(tickets, StandardCharsets.UTF_8);
                     BufferedWriter ww = Files.newBufferedWriter(words, StandardCharsets.UTF_8)) {
                    for (long no = chunk + 1; no <= end; no++) {
                        TicketRow row = ticket(no, village(random.nextInt(villages)), random, calendar, category);
                        int complaint = (int) (no % COMPLAINTS.length);
                        TicketTally.Contribution part = TicketTally.of(row, calendar);
                        tally.merge(part.key(), part.counts(), TallyCounts::plus);
                        w.write(String.join("\t", List.of(Long.toString(no), row.villageCode(), Long.toString(row.complainantId()),
                                row.state().name(), row.level().name(), row.tier().name(), COMPLAINTS[complaint], "bridge", "\\N",
                                row.confidential() ? "1" : "0", n(row.confidentialOffice()), t(row.registeredAt()), t(row.arrivedAt()),
                                t(row.handlingFrom()), row.handlerId() == null ? "\\N" : "1", n(row.handlerName()), n(row.resolution()),
                                t(row.resolvedAt()), "0", n(row.ending()), "\\N", "\\N", t(row.endedAt()), Integer.toString(row.reopened()),
                                Integer.toString(row.urged()), Integer.toString(row.escalated()), Integer.toString(row.overdueEscalations()),
                                "NONE", "\\N", "\\N", "1", row.category())) + "\n");
                        TallyKey k = part.key();
                        ww.write(no + "\t" + k.villageCode() + "\t" + k.regDay() + "\t" + k.category() + "\t" + k.office() + "\t"
                                + wordSet[complaint] + "\n");
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("LOAD DATA LOCAL INFILE '" + tickets + "' INTO TABLE ticket CHARACTER SET utf8mb4 (no, village_code, complainant_id, "
                            + "state, level, tier, content, channel, origin_group_id, confidential, confidential_office, registered_at, arrived_at, "
                            + "handling_from, handler_id, handler_name, resolution, resolved_at, rating_reminded, ending, ending_detail, merged_into, "
                            + "ended_at, reopened, urged, escalated, overdue_escalations, warning, possible_duplicate_of, next_due_at, version, category)");
                    s.execute("LOAD DATA LOCAL INFILE '" + words + "' INTO TABLE ticket_words CHARACTER SET utf8mb4 "
                            + "(ticket_no, village_code, reg_day, category, office, words)");
                }
                System.out.printf("  %,d tickets%n", end);
            }
            // The roll-ups sum the same contributions by the keys TicketTally.apply projects them to, as the desk does.
            Map<TallyKey.VillageMonth, TallyCounts> villageMonths = new HashMap<>();
            Map<TallyKey.CountyMonth, TallyCounts> countyMonths = new HashMap<>();
            tally.forEach((k, d) -> {
                villageMonths.merge(k.villageMonth(), d, TallyCounts::plus);
                countyMonths.merge(k.countyMonth(), d, TallyCounts::plus);
            });
            // An empty office is the ordinary tickets' key: LOAD DATA reads an empty field as '' for a VARCHAR.
            loadTally(c, tickets, "ticket_tally", tally, k -> List.of(k.villageCode(), k.regDay().toString(), k.category(), k.level(), k.office()));
            loadTally(c, tickets, "ticket_tally_month", villageMonths, k -> List.of(k.month(), k.villageCode(), k.office()));
            loadTally(c, tickets, "ticket_tally_county_month", countyMonths,
                    k -> List.of(k.month(), k.countyCode(), k.category(), k.level(), k.office()));
            try (Statement s = c.createStatement()) {
                // Each registration marks its county-month for the common problems job (ordinary tickets only).
                s.execute("INSERT INTO common_problem_stale (reg_month, county_code, marked) SELECT DISTINCT "
                        + "CONCAT(EXTRACT(YEAR FROM reg_day), '-', LPAD(EXTRACT(MONTH FROM reg_day), 2, '0')), SUBSTRING(village_code, 1, 6), 1 "
                        + "FROM ticket_words WHERE office = ''");
                s.execute("INSERT INTO ticket_number (no) VALUES (" + size + ")");
                s.execute("INSERT INTO statistics_backfill (name, done_at) VALUES ('v17', NOW(3))");
            }
        } finally {
            Files.deleteIfExists(tickets);
            Files.deleteIfExists(words);
        }
    }

    static <K> void loadTally(Connection c, Path file, String table, Map<K, TallyCounts> rows,
                              java.util.function.Function<K, List<String>> key) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<K, TallyCounts> e : rows.entrySet()) {
                TallyCounts d = e.getValue();
                w.write(String.join("\t", key.apply(e.getKey())) + "\t" + String.join("\t", Arrays.stream(new long[] {d.registered(),
                                d.merged(), d.resolved(), d.withinFive(), d.closeDays(), d.overdue(), d.toTown(), d.toCounty(), d.toCity(),
                                d.satisfied(), d.basically(), d.unsatisfied(), d.unrated(), d.urged(), d.urges(), d.reopened(), d.warned()})
                        .mapToObj(Long::toString).toList()) + "\n");
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE " + table + " CHARACTER SET utf8mb4");
        }
        System.out.printf("  %s: %,d rows%n", table, rows.size());
    }

    /** One ticket of the past: mostly closed, some live, a few merged, rejected, escalated, urged, reopened or confidential. */
    static TicketRow ticket(long no, String village, Random r, WorkingDayCalendar calendar, String[] category) {
        LocalDate day = FIRST.plusDays(r.nextInt(DAYS));
        Instant registered = day.atTime(8 + r.nextInt(10), r.nextInt(60)).atZone(WorkingDayCalendar.ZONE).toInstant();
        int roll = r.nextInt(100);
        boolean confidential = roll == 99;
        String office = confidential ? village.substring(0, 9) : null;
        RegionLevel level = confidential ? RegionLevel.TOWN : roll < 85 ? RegionLevel.VILLAGE : roll < 96 ? RegionLevel.TOWN : RegionLevel.COUNTY;
        int escalated = confidential ? 0 : RegionLevel.VILLAGE.ordinal() - level.ordinal();
        int overdue = escalated > 0 && r.nextBoolean() ? 1 : 0;
        int urged = r.nextInt(10) < 2 ? 1 + r.nextInt(3) : 0;
        int reopened = r.nextInt(20) == 0 ? 1 : 0;
        int state = r.nextInt(100);
        TicketState s;
        String ending = null;
        Instant resolvedAt = null;
        Instant endedAt = null;
        String resolution = null;
        Long merged = null;
        Instant handled = registered.plus(Duration.ofHours(2));
        if (state < 3) {
            s = TicketState.MERGED;
            ending = "MERGED";
            merged = Math.max(1, no - 1);
            endedAt = handled;
        } else if (state < 5) {
            s = TicketState.REJECTED;
            ending = "REJECTED";
            endedAt = handled;
        } else if (state < 10) {
            s = TicketState.OPEN;
        } else if (state < 18) {
            s = TicketState.CLAIMED;
        } else {
            resolvedAt = registered.plus(Duration.ofHours(2 + r.nextInt(24 * 12)));
            resolution = "已处理完毕";
            if (state < 26) {
                s = TicketState.RESOLVED;
            } else {
                s = TicketState.CLOSED;
                int rating = r.nextInt(20);
                ending = rating < 12 ? "SATISFIED" : rating < 17 ? "BASICALLY_SATISFIED" : "UNRATED";
                endedAt = resolvedAt.plus(Duration.ofDays(1));
            }
        }
        boolean handlerNeeded = s == TicketState.CLAIMED || s == TicketState.RESOLVED || s == TicketState.CLOSED;
        return new TicketRow(no, village, 1 + r.nextInt(1_000_000), s, level, Tier.GENERAL, "", "bridge", null, confidential, office,
                registered, registered, registered, handlerNeeded ? 1L : null, handlerNeeded ? "村干部" : null, resolution, resolvedAt, false,
                ending, ending != null && ending.equals("REJECTED") ? "不属实" : null, merged, endedAt, reopened, urged, escalated, overdue,
                WarningColour.NONE, null, null, 1, category[(int) (no % category.length)]);
    }

    static String n(String v) {
        return v == null ? "\\N" : v;
    }

    static String t(Instant i) {
        return i == null ? "\\N" : T.format(i.atZone(java.time.ZoneOffset.UTC));
    }

    static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    static void time(String what, int runs, Supplier<Object> query) {
        query.get(); // warm the caches and the JIT once
        List<Long> micros = new ArrayList<>();
        Object last = null;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            last = query.get();
            micros.add((System.nanoTime() - t) / 1000);
        }
        micros.sort(Long::compare);
        long p50 = micros.get(micros.size() / 2);
        long p99 = micros.get(Math.min(micros.size() - 1, (int) Math.ceil(micros.size() * 0.99) - 1));
        String shape = last instanceof StatisticsTable t ? t.rows().size() + " rows, " + t.commonProblems().size() + " common problems, "
                + t.totals().registered() + " tickets" : String.valueOf(last);
        System.out.printf("%-60s p50 %8.1f ms  p99 %8.1f ms  (%d runs; last: %s)%n", what, p50 / 1000.0, p99 / 1000.0, runs, shape);
    }
}
