package org.jianqun.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.audit.AuditMapper;
import org.jianqun.core.audit.AuditRow;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.DeadlineSweep;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.Via;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;

/**
 * The county of {@link org.jianqun.core.testing.CsvFiles#REGIONS} in a fresh database, a desk on a
 * hand-moved clock that starts on Monday 2026-03-02 09:00 in Shanghai, and the queries the sweep
 * tests look through.
 */
final class SweepWorld implements AutoCloseable {
    /** Monday 2026-03-02 09:00 +08:00: the claim deadline is the end of Tuesday, 2026-03-03T16:00Z. */
    static final Instant MONDAY = Instant.parse("2026-03-02T01:00:00Z");
    static final String COUNTY = "359901";
    static final String TOWN = "359901100";
    static final String VILLAGE = "359901100201";
    static final String GROUP = "g-201-1";
    static final Actor VILLAGER = new Actor(1001, "王大爷", Role.VILLAGER, VILLAGE);
    static final Actor CADRE = new Actor(2001, "陈主任", Role.VILLAGE_CADRE, VILLAGE);

    final TestDatabase db;
    final MutableClock clock = new MutableClock(MONDAY);
    final WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
    final TicketDesk desk;
    final DeadlineSweep sweep;

    private SweepWorld(TestDatabase db) {
        this.db = db;
        this.desk = new TicketDesk(db.database(), calendar, clock);
        this.sweep = new DeadlineSweep(db.database(), calendar, clock);
    }

    static SweepWorld open() {
        SweepWorld world = new SweepWorld(TestDatabase.fresh());
        ImportOutcome seeded = new OrganisationImporter(world.database(), new PasswordHasher(10_000), world.clock)
                .importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        assertThat(seeded).as("%s", seeded).isInstanceOf(ImportOutcome.Applied.class);
        return world;
    }

    Database database() {
        return db.database();
    }

    /** A second sweep over its own connection pool, as another process would have. */
    DeadlineSweep sweepOn(Database other) {
        return new DeadlineSweep(other, calendar, clock);
    }

    /** A complaint posted in the village's group by the villager. */
    TicketRow register(String text) {
        return done(desk.execute(new DeskCommand.Register(VILLAGE, VILLAGER.personId(), text, GROUP), VILLAGER, Via.BRIDGE));
    }

    List<TicketRow> register(int count) {
        List<TicketRow> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(register("第" + i + "组第" + (i * 7919 % 1000) + "号路灯不亮" + "，已经" + i + "天了"));
        }
        return rows;
    }

    static TicketRow done(DeskResult result) {
        assertThat(result).as("%s", result).isInstanceOf(DeskResult.Done.class);
        return ((DeskResult.Done) result).ticket();
    }

    TicketRow row(long no) {
        return database().read(s -> s.getMapper(TicketMapper.class).find(no));
    }

    List<AuditRow> audit(long no) {
        return database().read(s -> s.getMapper(AuditMapper.class).ofTicket(no));
    }

    List<String> auditTypes(long no) {
        return audit(no).stream().map(AuditRow::type).toList();
    }

    List<OutboxMapper.Pending> outbox(long no) {
        return database().read(s -> s.getMapper(OutboxMapper.class).ofTicket(no));
    }

    List<OutboxMapper.Pending> outbox(long no, String eventType) {
        return outbox(no).stream().filter(m -> m.eventType().equals(eventType)).toList();
    }

    /** Ticket number → how many audit rows of {@code type} it has, straight from SQL. */
    Map<Long, Long> auditCountsByTicket(String type) {
        return countsByTicket("SELECT ticket_no, COUNT(*) FROM audit_event WHERE type = ? GROUP BY ticket_no", type);
    }

    /** Ticket number → how many outbox rows for {@code audience}, straight from SQL. */
    Map<Long, Long> outboxCountsByTicket(String audience) {
        return countsByTicket("SELECT ticket_no, COUNT(*) FROM outbox WHERE audience = ? GROUP BY ticket_no", audience);
    }

    private Map<Long, Long> countsByTicket(String sql, String parameter) {
        Map<Long, Long> counts = new TreeMap<>();
        try (Connection c = database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    @Override
    public void close() {
        db.close();
    }
}
