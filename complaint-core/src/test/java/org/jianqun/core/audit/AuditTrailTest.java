package org.jianqun.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hash chain on a real database: whatever is changed, deleted or reordered, verify names the first bad row. */
class AuditTrailTest {
    private TestDatabase db;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        Instant at = Instant.parse("2026-03-02T01:00:00.123456Z");
        db.database().inTransaction(s -> {
            for (int i = 1; i <= 5; i++) {
                AuditTrail.append(s, new AuditEntry("359901", at.plusSeconds(i), (long) i, "CLAIMED", AuditEntry.ACCEPTED,
                        "村干部 (village_cadre #7)", "village_cadre", "bridge", "OPEN@village", "CLAIMED@village", "认领 " + i));
            }
            AuditTrail.appendAll(s, List.of(new AuditEntry("359902", at, 9L, "REGISTERED", AuditEntry.ACCEPTED, "x", null, "console",
                    null, "OPEN@village", "另一个县🌾")));
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private long idOf(String chain, long seq) {
        return db.database().<Long>read(s -> s.getMapper(AuditMapper.class).chainPage(chain, seq - 1, 1).get(0).id());
    }

    /**
     * Many writers' first appends to chains that have no head yet, all at once (a county's first reports on an
     * import day): none fails, and each chain counts every entry once. The head used to be read with a locking read
     * and created on a miss, and two first writers deadlocked on the gap both had locked.
     */
    @Test
    void firstAppendsToNewChainsAtOnceAllGoThrough() throws Exception {
        int writers = 6;
        try (Database pool = db.openAnother(writers)) {
            for (String chain : List.of("350101", "350102", "350103")) {
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(writers);
                java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(writers);
                try {
                    List<java.util.concurrent.Future<Object>> done = new java.util.ArrayList<>();
                    for (int w = 0; w < writers; w++) {
                        long no = w;
                        done.add(threads.submit(() -> pool.inTransaction(s -> {
                            await(together);
                            AuditTrail.append(s, new AuditEntry(chain, Instant.parse("2026-03-02T02:00:00Z"), no, "REGISTERED", AuditEntry.ACCEPTED,
                                    "x", null, "miniapp", null, "OPEN@village", "第一条"));
                            return null;
                        })));
                    }
                    for (java.util.concurrent.Future<Object> f : done) {
                        f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                    }
                } finally {
                    threads.shutdownNow();
                }
                assertThat(db.database().<Integer>read(s -> s.getMapper(AuditMapper.class).chainPage(chain, 0, 100).size())).as(chain).isEqualTo(writers);
            }
        }
        assertThat(AuditTrail.verify(db.database()).ok()).isTrue();
    }

    private static void await(java.util.concurrent.CyclicBarrier barrier) {
        try {
            barrier.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUntouchedTrailVerifies() {
        AuditTrail.Verification v = AuditTrail.verify(db.database());
        assertThat(v.ok()).isTrue();
        assertThat(v.checked()).isEqualTo(6);
        assertThat(v.firstBad()).isNull();
    }

    @Test
    void aChangedRowIsNamed() throws SQLException {
        long third = idOf("359901", 3);
        sql("UPDATE audit_event SET detail = '认领 3（改过）' WHERE id = " + third);
        AuditTrail.Verification v = AuditTrail.verify(db.database());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBad().id()).isEqualTo(third);
        assertThat(v.firstBad().problem()).contains("changed");
    }

    @Test
    void aDeletedRowIsCaughtAtTheNextOne() throws SQLException {
        sql("DELETE FROM audit_event WHERE id = " + idOf("359901", 2));
        AuditTrail.Verification v = AuditTrail.verify(db.database());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBad().seq()).isEqualTo(3);
        assertThat(v.firstBad().problem()).contains("missing");
    }

    @Test
    void deletingTheNewestRowIsCaughtByTheHead() throws SQLException {
        sql("DELETE FROM audit_event WHERE id = " + idOf("359901", 5));
        AuditTrail.Verification v = AuditTrail.verify(db.database());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBad().chain()).isEqualTo("359901");
        assertThat(v.firstBad().problem()).contains("head");
    }

    @Test
    void reorderedRowsAreCaught() throws SQLException {
        long second = idOf("359901", 2);
        long fourth = idOf("359901", 4);
        sql("UPDATE audit_event SET seq = 100 WHERE id = " + second);
        sql("UPDATE audit_event SET seq = 2 WHERE id = " + fourth);
        sql("UPDATE audit_event SET seq = 4 WHERE id = " + second);
        AuditTrail.Verification v = AuditTrail.verify(db.database());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBad().id()).isEqualTo(fourth);
    }

    @Test
    void aRowRewrittenWithAFreshHashStillBreaksTheLink() throws SQLException {
        // Someone who recomputes the hash of the row they changed still breaks the next row's link.
        long third = idOf("359901", 3);
        AuditRow row = db.database().read(s -> s.getMapper(AuditMapper.class).chainPage("359901", 2, 1).get(0));
        AuditEntry forged = new AuditEntry(row.chainKey(), row.at(), row.ticketNo(), row.type(), row.outcome(), row.actor(),
                row.actorRole(), row.channel(), row.beforeState(), row.afterState(), "伪造的内容");
        String hash = AuditTrail.hash(row.prevHash(), forged, row.seq());
        sql("UPDATE audit_event SET detail = '伪造的内容', hash = '" + hash + "' WHERE id = " + third);
        AuditTrail.Verification v = AuditTrail.verify(db.database());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBad().seq()).isEqualTo(4);
    }

    @Test
    void deletingTheNewestRowAndMovingTheHeadBackIsCaughtByTheSeal() throws SQLException {
        // A database writer's tidy truncation: every remaining row and the head agree, only the key is missing.
        AuditRow fourth = db.database().read(s -> s.getMapper(AuditMapper.class).chainPage("359901", 3, 1).get(0));
        sql("DELETE FROM audit_event WHERE id = " + idOf("359901", 5));
        sql("UPDATE audit_head SET seq = 4, hash = '" + fourth.hash() + "' WHERE chain_key = '359901'");
        AuditTrail.Verification v = AuditTrail.verify(db.database());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBad().chain()).isEqualTo("359901");
        assertThat(v.firstBad().seq()).isEqualTo(4);
        assertThat(v.firstBad().problem()).contains("seal does not fit", "without the audit key");
    }

    @Test
    void editingARowAndRecomputingEveryLaterHashIsCaughtByTheSeal() throws SQLException {
        rewriteFrom(db, "359901", 3, "伪造的内容");
        AuditTrail.Verification v = AuditTrail.verify(db.database());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBad().chain()).isEqualTo("359901");
        assertThat(v.firstBad().problem()).contains("seal does not fit");
    }

    @Test
    void aHeadWithoutASealIsCaught() throws SQLException {
        sql("UPDATE audit_head SET seal = NULL WHERE chain_key = '359902'");
        AuditTrail.Verification v = AuditTrail.verify(db.database());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBad().chain()).isEqualTo("359902");
        assertThat(v.firstBad().problem()).contains("not sealed");
    }

    @Test
    void anotherKeyDoesNotVerifyTheTrail() {
        try (var other = org.jianqun.core.persistence.Database.open(db.settings(), 2, null, AuditKey.generate())) {
            AuditTrail.Verification v = AuditTrail.verify(other);
            assertThat(v.ok()).isFalse();
            assertThat(v.firstBad().problem()).contains("JIANQUN_AUDIT_KEY is not the key");
        }
    }

    @Test
    void headsWrittenBeforeSealsAreSealedOnlyByTheRunThatAddsSeals() throws SQLException {
        // The database as it was before V12 (heads without seals) holding this trail; opening it applies V12 and the rest.
        AuditKey key = db.database().auditKey().orElseThrow();
        try (TestDatabase before = TestDatabase.atVersion("11")) {
            copyRows("audit_head", before);
            copyRows("audit_event", before);
            try (var upgraded = org.jianqun.core.persistence.Database.open(before.settings(), 2, null, key)) {
                assertThat(AuditTrail.verify(upgraded).firstBad()).as("sealed by the migrating run").isNull();
                assertThat(AuditTrail.verify(upgraded).checked()).isEqualTo(6);
                // Later, a NULL seal is tampering: opening again (nothing to migrate) does not seal it.
                try (Connection c = upgraded.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("UPDATE audit_head SET seal = NULL WHERE chain_key = '359901'");
                }
            }
            try (var again = org.jianqun.core.persistence.Database.open(before.settings(), 2, null, key)) {
                assertThat(AuditTrail.verify(again).firstBad().problem()).contains("not sealed");
            }
        }
    }

    /** Copies every row of {@code table} into the older database, in the columns that database's table has. */
    private void copyRows(String table, TestDatabase into) throws SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", into.settings().user());
        login.setProperty("password", into.settings().password());
        if (!into.settings().isH2()) {
            login.setProperty("characterEncoding", "UTF-8"); // as the platform's pool does: the details are Chinese
        }
        try (Connection target = java.sql.DriverManager.getConnection(into.settings().url(), login);
             Connection source = db.database().dataSource().getConnection();
             Statement probe = target.createStatement();
             var shape = probe.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            List<String> columns = new java.util.ArrayList<>();
            for (int i = 1; i <= shape.getMetaData().getColumnCount(); i++) {
                columns.add(shape.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            String list = String.join(", ", columns);
            try (Statement read = source.createStatement();
                 var rows = read.executeQuery("SELECT " + list + " FROM " + table);
                 var insert = target.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
                         + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")")) {
                while (rows.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        // As text, so that no time zone or driver type mapping touches a timestamp the hash covers.
                        insert.setString(i, rows.getString(i));
                    }
                    insert.executeUpdate();
                }
            }
        }
    }

    /**
     * What a database writer without the key can do at best: change row {@code fromSeq}'s detail, recompute it
     * and every later row with the (unkeyed) chain hash, and move the head to the new last hash.
     */
    static void rewriteFrom(TestDatabase db, String chain, long fromSeq, String detail) throws SQLException {
        List<AuditRow> rows = db.database().read(s -> s.getMapper(AuditMapper.class).chainPage(chain, 0, 1_000));
        String prev = rows.get((int) fromSeq - 2).hash();
        try (Connection c = db.database().dataSource().getConnection();
             var update = c.prepareStatement("UPDATE audit_event SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?");
             var head = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE chain_key = ?")) {
            for (AuditRow row : rows.subList((int) fromSeq - 1, rows.size())) {
                String newDetail = row.seq() == fromSeq ? detail : row.detail();
                AuditEntry e = new AuditEntry(row.chainKey(), row.at(), row.ticketNo(), row.type(), row.outcome(), row.actor(),
                        row.actorRole(), row.channel(), row.beforeState(), row.afterState(), newDetail);
                String hash = AuditTrail.hash(prev, e, row.seq());
                update.setString(1, newDetail);
                update.setString(2, prev);
                update.setString(3, hash);
                update.setLong(4, row.id());
                update.executeUpdate();
                prev = hash;
            }
            head.setLong(1, rows.get(rows.size() - 1).seq());
            head.setString(2, prev);
            head.setString(3, chain);
            head.executeUpdate();
        }
        assertThat(AuditTrail.verify(db.database()).firstBad().problem()).as("the rows alone now read as whole").contains("seal");
    }

    @Test
    void rowsOutsideAnyChainAreCaught() throws SQLException {
        sql("DELETE FROM audit_head WHERE chain_key = '359902'");
        assertThat(AuditTrail.verify(db.database()).firstBad().problem()).contains("no head");
    }
}
