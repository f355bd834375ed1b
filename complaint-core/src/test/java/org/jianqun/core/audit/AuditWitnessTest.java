package org.jianqun.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily witness outside the database: once a day and county, signed, and what verify makes of it. */
class AuditWitnessTest {
    /** 2026-03-02 09:00 in China: after the day's witness time. */
    private static final Instant DAY_ONE = Instant.parse("2026-03-02T01:00:00Z");
    private static final LocalDate DAY_ONE_DATE = LocalDate.parse("2026-03-02");
    private static final LocalDate DAY_TWO_DATE = LocalDate.parse("2026-03-03");

    @TempDir
    Path folder;
    private TestDatabase db;
    private MutableClock clock;
    private AuditWitnesses witnesses;
    private int appended;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        clock = new MutableClock(DAY_ONE);
        witnesses = new AuditWitnesses(folder);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void append(String chain, int rows) {
        db.database().inTransaction(s -> {
            for (int i = 0; i < rows; i++) {
                appended++;
                AuditTrail.append(s, new AuditEntry(chain, clock.peek(), (long) appended, "CLAIMED", AuditEntry.ACCEPTED,
                        "村干部 (village_cadre #7)", "village_cadre", "bridge", "OPEN@village", "CLAIMED@village", "认领 " + appended));
            }
            return null;
        });
    }

    private AuditWitnessJob job(Database database) {
        return new AuditWitnessJob(database, witnesses, clock);
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.database().dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    @Test
    void theWitnessTakesEachHeadOnceADayPostsCountiesAndSignsItsFile() throws Exception {
        append("359901", 3);
        append("359902", 1);
        append(AuditTrail.PLATFORM_CHAIN, 1);
        clock.advance(Duration.ofHours(-2)); // 07:00 in China: not yet
        assertThat(job(db.database()).runOnce().witnessed()).isFalse();
        clock.advance(Duration.ofHours(2));

        AuditWitnessJob.Outcome first = job(db.database()).runOnce();
        assertThat(first.day()).isEqualTo(DAY_ONE_DATE);
        assertThat(first.heads()).isEqualTo(3);
        assertThat(first.posted()).isEqualTo(2);
        assertThat(job(db.database()).runOnce().witnessed()).as("the day is taken").isFalse();

        List<String> posts = rows("SELECT audience, target, text FROM outbox WHERE event_type = 'AUDIT_WITNESS' ORDER BY target");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0)).startsWith("DISCIPLINE|359901|【审计链见证】2026-03-02").contains("第 3 条")
                .doesNotContain("认领", "村干部");
        assertThat(posts.get(1)).startsWith("DISCIPLINE|359902|");

        List<AuditWitnesses.Read> read = witnesses.readAll(db.database().auditKey().orElseThrow());
        assertThat(read).singleElement().satisfies(r -> {
            assertThat(r.problem()).isNull();
            assertThat(r.witness().heads()).extracting(AuditWitnesses.WitnessedHead::chain).containsExactly("359901", "359902", "platform");
        });
        assertThat(Files.readString(witnesses.fileOf(DAY_ONE_DATE))).doesNotContain("认领");
        assertThat(AuditTrail.verify(db.database(), witnesses).ok()).isTrue();
    }

    @Test
    void twoInstancesWitnessEachCountyOnceADay() throws Exception {
        append("359901", 2);
        append("359902", 2);
        try (Database second = db.openAnother(4)) {
            AuditWitnessJob[] jobs = {job(db.database()), job(second)};
            for (LocalDate day : List.of(DAY_ONE_DATE, DAY_TWO_DATE)) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Callable<AuditWitnessJob.Outcome>> runs = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        AuditWitnessJob j = jobs[i % 2];
                        runs.add(j::runOnce);
                    }
                    int witnessed = 0;
                    for (Future<AuditWitnessJob.Outcome> f : pool.invokeAll(runs)) {
                        witnessed += f.get().witnessed() ? 1 : 0;
                    }
                    assertThat(witnessed).as("runs that witnessed " + day).isEqualTo(1);
                } finally {
                    pool.shutdownNow();
                }
                append("359901", 1);
                clock.advance(Duration.ofDays(1));
            }
        }
        assertThat(rows("SELECT target, COUNT(*) FROM outbox WHERE event_type = 'AUDIT_WITNESS' GROUP BY target ORDER BY target"))
                .containsExactly("359901|2", "359902|2");
        assertThat(rows("SELECT chain_key, COUNT(*) FROM audit_witness GROUP BY chain_key ORDER BY chain_key"))
                .containsExactly("359901|2", "359902|2");
        assertThat(witnesses.readAll(db.database().auditKey().orElseThrow())).extracting(AuditWitnesses.Read::day)
                .containsExactly(DAY_ONE_DATE, DAY_TWO_DATE);
        assertThat(AuditTrail.verify(db.database(), witnesses).ok()).isTrue();
    }

    /** Day one witnesses seq 3, day two seq 5, and row 6 comes after: the rewrite from row 4 breaks day two's witness. */
    private void twoWitnessedDays() {
        append("359901", 3);
        assertThat(job(db.database()).runOnce().witnessed()).isTrue();
        clock.advance(Duration.ofDays(1));
        append("359901", 2);
        assertThat(job(db.database()).runOnce().witnessed()).isTrue();
        append("359901", 1);
        assertThat(AuditTrail.verify(db.database(), witnesses).ok()).isTrue();
    }

    @Test
    void aRewriteNamesTheFirstDayWhoseWitnessDisagrees() throws SQLException {
        twoWitnessedDays();
        AuditTrailTest.rewriteFrom(db, "359901", 4, "伪造的内容");
        AuditTrail.Verification v = AuditTrail.verify(db.database(), witnesses);
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBad().problem()).contains("seal does not fit");
        assertThat(v.firstBad().day()).isEqualTo(DAY_TWO_DATE);
    }

    @Test
    void rowsDeletedAfterAWitnessNameItsDayEvenWithAHeadSealedByTheKey() throws SQLException {
        twoWitnessedDays();
        // Truncate to seq 4 and give it a head sealed with the right key (as if the key had leaked with an old
        // head, or a seal were replayed): the chain itself then verifies, the witness of day two does not.
        AuditKey key = db.database().auditKey().orElseThrow();
        String hash4 = db.database().read(s -> s.getMapper(AuditMapper.class).chainPage("359901", 3, 1).get(0).hash());
        try (Connection c = db.database().dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM audit_event WHERE chain_key = '359901' AND seq > 4");
            st.execute("UPDATE audit_head SET seq = 4, hash = '" + hash4 + "', seal = '" + key.sealHead("359901", 4, hash4)
                    + "' WHERE chain_key = '359901'");
        }
        assertThat(AuditTrail.verify(db.database()).ok()).as("without witnesses the truncation passes").isTrue();
        AuditTrail.Verification v = AuditTrail.verify(db.database(), witnesses);
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBad().day()).isEqualTo(DAY_TWO_DATE);
        assertThat(v.firstBad().seq()).isEqualTo(5);
        assertThat(v.firstBad().problem()).contains("witnessed on 2026-03-03", "no longer in the database");
    }

    @Test
    void aWitnessFileChangedWithoutTheKeyNamesItsDay() throws Exception {
        twoWitnessedDays();
        Path file = witnesses.fileOf(DAY_ONE_DATE);
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8).replace("\"seq\" : 3", "\"seq\" : 2"), StandardCharsets.UTF_8);
        AuditTrail.Verification v = AuditTrail.verify(db.database(), witnesses);
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBad().day()).isEqualTo(DAY_ONE_DATE);
        assertThat(v.firstBad().problem()).contains("not signed with the audit key");
    }
}
