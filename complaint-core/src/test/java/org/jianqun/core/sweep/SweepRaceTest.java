package org.jianqun.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.desk.DeadlineSweep;
import org.jianqun.core.desk.DeadlineSweep.SweepReport;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two sweepers with no Redis lock between them, on the same 50 overdue tickets: the row locks and
 * the re-check in {@code DeadlineSweep.sweep} alone keep every escalation exactly-once. The test holds
 * the rows itself until both sweepers have read the same due list and are waiting for the rows, so
 * the overlap is certain rather than left to scheduling.
 */
class SweepRaceTest {
    private static final int TICKETS = 50;
    private SweepWorld world;
    private Database second;
    private Database third;
    private ExecutorService threads;

    @BeforeEach
    void open() throws SQLException {
        world = SweepWorld.open();
        if (!world.db.isMariaDb()) {
            // H2 gives up on a row lock after 1 s by default; each sweeper here waits for the test and then for the other.
            try (Connection c = world.database().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("SET DEFAULT_LOCK_TIMEOUT 20000");
            }
        }
        // Each sweeper on its own pool, as two processes would be (opened after the setting above: it applies to new sessions).
        second = world.db.openAnother(2);
        third = world.db.openAnother(2);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        second.close();
        third.close();
        world.close();
    }

    @Test
    void twoSweepersAtOnceWithoutTheLockEscalateEachTicketExactlyOnce() throws Exception {
        List<TicketRow> tickets = world.register(TICKETS);
        world.clock.advance(java.time.Duration.between(world.clock.instant(), Instant.parse("2026-03-03T16:00:30Z")));
        DeadlineSweep one = world.sweepOn(second);
        DeadlineSweep two = world.sweepOn(third);

        Future<SweepReport> first;
        Future<SweepReport> other;
        try (Connection holder = world.database().dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT no FROM ticket ORDER BY no FOR UPDATE").close();
            }
            first = threads.submit(() -> one.sweep(100));
            other = threads.submit(() -> two.sweep(100));
            awaitWaitingForRowLocks(holder, 2);
            holder.commit();
        }
        SweepReport a = first.get(60, TimeUnit.SECONDS);
        SweepReport b = other.get(60, TimeUnit.SECONDS);

        assertThat(a.looked() + b.looked()).as("both read the same due list and locked every row: %s %s", a, b).isEqualTo(2 * TICKETS);
        assertThat(a.escalated() + b.escalated()).isEqualTo(TICKETS);
        assertThat(List.of(a.escalated(), b.escalated())).as("whoever locked first did all of it").containsExactlyInAnyOrder(0, TICKETS);
        Map<Long, Long> escalations = world.auditCountsByTicket("ESCALATED_OVERDUE");
        assertThat(escalations).containsOnlyKeys(tickets.stream().map(TicketRow::no).toList());
        assertThat(escalations.values()).as("one ESCALATED_OVERDUE audit row per ticket").containsOnly(1L);
        assertThat(world.outboxCountsByTicket("LEVEL").values()).as("the town told once per ticket").hasSize(TICKETS).containsOnly(1L);
        for (TicketRow t : tickets) {
            TicketRow now = world.row(t.no());
            assertThat(now.level()).isEqualTo(RegionLevel.TOWN);
            assertThat(now.overdueEscalations()).isEqualTo(1);
        }
        assertThat(AuditTrail.verify(world.database()).ok()).as("the hash chain survived two writers").isTrue();
    }

    /**
     * Until {@code count} other sessions of this database wait for the rows: on MariaDB, sessions running the
     * sweep's locking read (blocked: the test holds every row); on H2, sessions with a blocker.
     */
    private void awaitWaitingForRowLocks(Connection holder, int count) throws Exception {
        String sql = world.db.isMariaDb()
                ? "SELECT COUNT(*) FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID() "
                        + "AND info LIKE 'SELECT no, village_code%FOR UPDATE'"
                : "SELECT COUNT(*) FROM information_schema.sessions WHERE blocker_id IS NOT NULL";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int waiting = 0;
        while (System.nanoTime() < deadline) {
            try (Statement s = holder.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                waiting = rs.getInt(1);
            }
            if (waiting >= count) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("only " + waiting + " sweepers came to wait for the row locks");
    }
}
