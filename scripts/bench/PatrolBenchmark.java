import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;
import org.jianqun.core.patrol.PatrolQueue;
import org.jianqun.core.persistence.Database;
import org.jianqun.gateway.operations.GatewayFlaggedMessages;

/**
 * The patrol queue (网巡) against a province's data generated straight into MariaDB (its SEQUENCE engine): TICKETS
 * tickets over a year in VILLAGES villages (15 a town, 10 towns a county, 10 counties a city), each with its
 * REGISTERED step in the audit trail, 1 in 12 recoloured orange, 1 in 50 red, 1 in 33 reopened by 不满意, 1 in 200 a
 * real-name report routed to its town's office; TICKETS/4 chat messages of which 1 in 5 flagged; and the reviews
 * a patrolling province would have left: 9 in 10 new tickets older than two days reviewed by their town's office,
 * 1 in 3 by their county's. Then PatrolQueue.of (the console's read model, the gateway's port for flagged
 * messages) for random town and county offices on the last day, and for one city. Prints p50/p95/p99/max.
 * Usage: PatrolBenchmark URL USER PASSWORD TICKETS VILLAGES ITERATIONS
 */
public final class PatrolBenchmark {
    /** The last day of the generated year, the day patrolled. */
    static final LocalDate DAY = LocalDate.parse("2026-11-30");
    static final Instant END = DAY.plusDays(1).atStartOfDay(ZoneOffset.ofHours(8)).toInstant();
    static final long YEAR_SECONDS = 365L * 86_400;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long tickets = Long.parseLong(args[3]);
        int villages = Integer.parseInt(args[4]);
        int iterations = Integer.parseInt(args[5]);
        if (villages % 15 != 0 || villages > 150_000) {
            throw new IllegalArgumentException("VILLAGES: a multiple of 15 (15 a town), at most 150,000");
        }
        long t0 = System.nanoTime();
        Database database = Database.open(new DatabaseSettings(url, args[1], args[2]), 8, null, org.jianqun.core.audit.AuditKey.generate());
        System.out.printf("schema migrated in %d ms%n", ms(t0));
        if (System.getenv("BENCH_REUSE") == null || System.getenv("BENCH_REUSE").isEmpty()) {
            generate(database, tickets, villages);
        } else {
            System.out.println("BENCH_REUSE: timing the database the last run generated");
        }

        Clock clock = Clock.fixed(END.minusSeconds(3_600), ZoneOffset.UTC);
        PatrolQueue queue = new PatrolQueue(PatrolQueue.standardSources(database, new GatewayFlaggedMessages(database)), clock);
        Random random = new Random(42);
        int towns = villages / 15;
        int counties = Math.max(1, villages / 150);
        measure("town office", iterations, () -> {
            String town = townCode(random.nextInt(towns));
            return queue.of(new Actor(1, "bench", Role.DISCIPLINE_OFFICER, town), town, DAY, 200).items().size();
        });
        measure("county office", iterations, () -> {
            String county = townCode(random.nextInt(counties) * 10).substring(0, 6);
            return queue.of(new Actor(1, "bench", Role.DISCIPLINE_OFFICER, county), county, DAY, 200).items().size();
        });
        measure("city office (not in the target)", Math.max(5, iterations / 10), () -> {
            String city = townCode(0).substring(0, 4);
            return queue.of(new Actor(1, "bench", Role.DISCIPLINE_OFFICER, city), city, DAY, 200).items().size();
        });
        database.close();
    }

    interface Look {
        int run() throws Exception;
    }

    static void measure(String what, int iterations, Look look) throws Exception {
        for (int i = 0; i < Math.min(30, iterations); i++) {
            look.run(); // warm-up: JIT, connection pool, buffer pool
        }
        long[] micros = new long[iterations];
        long items = 0;
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            items += look.run();
            micros[i] = (System.nanoTime() - t) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("patrol queue, %s: %d looks, %.0f items each; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%s%n", what, iterations,
                (double) items / iterations, micros[iterations / 2] / 1e3, micros[(int) (iterations * 0.95)] / 1e3,
                micros[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.99) - 1)] / 1e3, micros[iterations - 1] / 1e3,
                what.contains("not in") ? "" : micros[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.99) - 1)] < 100_000
                        ? "  (target p99 < 100 ms: met)" : "  (target p99 < 100 ms: MISSED)");
    }

    /** Town {@code t}'s code, as the generator writes it: city 99cc, county cc, town 1tt. */
    static String townCode(int t) {
        int county = t / 10;
        return String.format("99%02d%02d%03d", county / 10 + 1, county % 10 + 1, 101 + t % 10);
    }

    static void generate(Database database, long tickets, int villages) throws SQLException {
        String start = "TIMESTAMP('" + END.minusSeconds(YEAR_SECONDS).toString().replace("T", " ").replace("Z", "") + "')";
        String twoDaysBefore = "TIMESTAMP('" + END.minusSeconds(3 * 86_400).toString().replace("T", " ").replace("Z", "") + "')";
        // Village idx → code: city 99cc, county cc, town 1tt, village 2vv.
        String code = "CONCAT('99', LPAD(FLOOR(seq / 1500) + 1, 2, '0'), LPAD(FLOOR(seq / 150) % 10 + 1, 2, '0'), "
                + "LPAD(101 + FLOOR(seq / 15) % 10, 3, '0'), LPAD(201 + seq % 15, 3, '0'))";
        List<String> steps = new ArrayList<>(List.of(
                "CREATE TABLE bench_village (idx INT NOT NULL PRIMARY KEY, code VARCHAR(12) NOT NULL)",
                "INSERT INTO bench_village SELECT seq, " + code + " FROM seq_0_to_" + (villages - 1),
                // As numbers are handed out: in time order over the year; a ticket's village pseudo-random but repeatable.
                "INSERT INTO ticket (no, village_code, complainant_id, state, level, tier, content, channel, confidential, confidential_office, "
                        + "registered_at, arrived_at, handling_from, version) SELECT s.seq, v.code, 1, 'CLOSED', 'VILLAGE', 'GENERAL', "
                        + "CONCAT('村里的路灯坏了第', s.seq, '盏，请尽快修理'), 'BRIDGE', s.seq % 200 = 0, "
                        + "CASE WHEN s.seq % 200 = 0 THEN SUBSTRING(v.code, 1, 9) END, "
                        + start + " + INTERVAL FLOOR(s.seq * " + YEAR_SECONDS + " / " + tickets + ") SECOND, "
                        + start + " + INTERVAL FLOOR(s.seq * " + YEAR_SECONDS + " / " + tickets + ") SECOND, "
                        + start + " + INTERVAL FLOOR(s.seq * " + YEAR_SECONDS + " / " + tickets + ") SECOND, 1 "
                        + "FROM seq_1_to_" + tickets + " s JOIN bench_village v ON v.idx = (s.seq * 104729) % " + villages,
                audit("REGISTERED", "NULL", 0, "TRUE", 0),
                audit("WARNING", "'ORANGE'", 1, "t.no % 12 = 0", 2),
                audit("WARNING", "'RED'", 2, "t.no % 50 = 0", 4),
                audit("REOPENED", "NULL", 3, "t.no % 33 = 0", 3),
                "INSERT INTO inbox_message (channel, message_id, group_id, sender_id, kind, text, sent_at, received_at, status, village_code, "
                        + "flagged, flag_words) SELECT 'BRIDGE', CONCAT('b-', s.seq), CONCAT('g-', v.code), 'wx-bench', 'TEXT', "
                        + "CASE WHEN s.seq % 5 = 0 THEN '听说低保名额优亲厚友' ELSE '今天村里开会' END, "
                        + start + " + INTERVAL ((s.seq * 6007) % " + YEAR_SECONDS + ") SECOND, "
                        + start + " + INTERVAL ((s.seq * 6007) % " + YEAR_SECONDS + ") SECOND, 'PROCESSED', v.code, s.seq % 5 = 0, "
                        + "CASE WHEN s.seq % 5 = 0 THEN '优亲厚友' END FROM seq_1_to_" + Math.max(1, tickets / 4)
                        + " s JOIN bench_village v ON v.idx = (s.seq * 15485863) % " + villages,
                "INSERT INTO patrol_review (id, office_code, reviewer_id, reviewer_name, reviewed_at, note) VALUES (1, '99', 1, 'bench', NOW(), NULL)",
                "INSERT INTO patrol_review_item (office_code, kind, ref, review_id) SELECT SUBSTRING(village_code, 1, 9), 'new_ticket', "
                        + "CONCAT('', no), 1 FROM ticket WHERE confidential = FALSE AND registered_at < " + twoDaysBefore + " AND no % 10 <> 0",
                "INSERT INTO patrol_review_item (office_code, kind, ref, review_id) SELECT SUBSTRING(village_code, 1, 6), 'new_ticket', "
                        + "CONCAT('', no), 1 FROM ticket WHERE confidential = FALSE AND registered_at < " + twoDaysBefore + " AND no % 3 = 0",
                "ANALYZE TABLE ticket, audit_event, inbox_message, patrol_review_item"));
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String step : steps) {
                long t = System.nanoTime();
                boolean rows = st.execute(step);
                if (rows) {
                    st.getResultSet().close();
                }
                System.out.printf("%6d ms  %s%n", ms(t), step.length() > 110 ? step.substring(0, 110) + "…" : step);
            }
        }
        System.out.printf("generated %,d tickets in %,d villages%n", tickets, villages);
    }

    /** Audit rows of one step type for the tickets matching {@code where}, {@code days} after registration; seq unique per ticket and kind. */
    static String audit(String type, String after, int k, String where, int days) {
        return "INSERT INTO audit_event (chain_key, seq, at, ticket_no, type, outcome, actor, channel, after_state, detail, prev_hash, hash) "
                + "SELECT SUBSTRING(t.village_code, 1, 6), t.no * 4 + " + k + ", t.registered_at + INTERVAL " + days + " DAY, t.no, '" + type
                + "', 'accepted', 'bench', 'bridge', " + after + ", '', REPEAT('0', 64), REPEAT('0', 64) FROM ticket t WHERE " + where;
    }

    static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
