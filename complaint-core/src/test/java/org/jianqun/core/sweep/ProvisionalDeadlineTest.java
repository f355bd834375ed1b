package org.jianqun.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jianqun.core.audit.AuditRow;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.calendar.HolidayDataException;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.HolidayLoads;
import org.jianqun.core.desk.Via;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.CurrentDeadline;
import org.jianqun.core.ticket.TicketDeadlines;
import org.jianqun.core.ticket.TicketState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's provisional (暂定) rule at the turn of 2026: 2027's notice is shipped empty (not yet published),
 * so deadlines into 2027 count the weekends alone, are said to be provisional, escalate as usual, and move,
 * audited, when an administrator loads 2027.
 */
class ProvisionalDeadlineTest {
    /** Thu 2026-12-31 10:00 +08:00. */
    private static final Instant NEW_YEARS_EVE = Instant.parse("2026-12-31T02:00:00Z");
    /** A stand-in for the 2027 notice: New Year's Day off. */
    private static final String NOTICE_2027 = "{\"year\":2027,\"papers\":[],\"days\":[{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":true}]}";

    private SweepWorld world;
    private HolidayLoads holidays;

    @BeforeEach
    void open() {
        world = SweepWorld.open();
        holidays = new HolidayLoads(world.database(), world.calendar, world.clock);
    }

    @AfterEach
    void close() {
        world.close();
    }

    private void moveTo(Instant at) {
        world.clock.advance(Duration.between(world.clock.instant(), at));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void registeringOnNewYearsEveIsAnsweredInChineseWithAProvisionalDeadline() {
        moveTo(NEW_YEARS_EVE);
        TicketRow row = world.register("村口路灯坏了");
        OutboxMapper.Pending reply = world.outbox(row.no(), "REGISTERED").stream()
                .filter(m -> m.audience() == Audience.GROUP).findFirst().orElseThrow();
        // Fri 2027-01-01 is a weekday by the weekend rule: the claim deadline is its end, provisional.
        assertThat(reply.text()).isEqualTo("已登记工单 #" + row.no() + "（基础设施），由村级办理，认领期限 2027-01-01 24:00"
                + TicketDeadlines.PROVISIONAL_MARK + "。查询请发「进度 #" + row.no() + "」；类别不对，村干部可发「分类 #" + row.no() + " 类别」更正。");
        assertThat(reply.text()).doesNotContainPattern("[A-Za-z]");
        assertThat(TicketDeadlines.current(row.toTicket(), world.calendar))
                .isEqualTo(new CurrentDeadline.Running(org.jianqun.core.ticket.DeadlineKind.CLAIM, Instant.parse("2027-01-01T16:00:00Z"), true));
        // The sweep looks at it when it turns yellow, not "in six hours, maybe there is data then".
        assertThat(row.nextDueAt()).isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
    }

    @Test
    void theSweepEscalatesATicketPastItsProvisionalDeadline() {
        moveTo(NEW_YEARS_EVE);
        long no = world.register("垃圾三天没人清运").no();
        moveTo(Instant.parse("2027-01-01T16:00:30Z")); // just after the end of Fri 2027-01-01 (provisional)
        assertThat(world.sweep.sweep(100).escalated()).isEqualTo(1);
        TicketRow atTown = world.row(no);
        assertThat(atTown.level()).isEqualTo(RegionLevel.TOWN);
        assertThat(atTown.overdueEscalations()).isEqualTo(1);
        AuditRow escalation = world.audit(no).stream().filter(a -> a.type().equals("ESCALATED_OVERDUE")).findFirst().orElseThrow();
        assertThat(escalation.detail()).isEqualTo("超期未认领（期限 2027-01-01 24:00，暂定），自动上报至镇级，督办");
        assertThat(world.outbox(no, "ESCALATED_OVERDUE")).filteredOn(m -> m.audience() == Audience.LEVEL).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("认领期限 2027-01-04 24:00（暂定").doesNotContainPattern("[A-Za-z]"));
    }

    @Test
    void loading2027RecomputesEveryProvisionalDeadlineAndAuditsThoseThatMoved() {
        moveTo(Instant.parse("2026-12-28T02:00:00Z")); // Mon 12-28: claim due end of Tue 12-29, nothing of 2027
        long untouched = world.register("桥栏杆松了").no();
        moveTo(NEW_YEARS_EVE);
        long open = world.register("村口路灯坏了").no();
        long claimed = world.register("水渠堵了").no();
        world.desk.execute(new DeskCommand.Claim(claimed), SweepWorld.CADRE, Via.BRIDGE);
        // Provisional: claim by the end of Fri 01-01; handling (3) Fri 01-01, Mon 01-04, Tue 01-05.
        assertThat(TicketDeadlines.claimDue(world.row(open).toTicket(), world.calendar)).isEqualTo(Instant.parse("2027-01-01T16:00:00Z"));
        int untouchedAudit = world.audit(untouched).size();

        moveTo(NEW_YEARS_EVE.plus(Duration.ofHours(2)));
        HolidayLoads.Loaded loaded = holidays.load(2027, bytes(NOTICE_2027), "平台管理员 (admin #1)");
        assertThat(loaded).isEqualTo(new HolidayLoads.Loaded(2027, 1, 3, 2));

        // With 01-01 off: claim by the end of Mon 01-04; handling Mon 01-04, Tue 01-05, Wed 01-06.
        TicketRow openRow = world.row(open);
        assertThat(TicketDeadlines.current(openRow.toTicket(), world.calendar))
                .isEqualTo(new CurrentDeadline.Running(org.jianqun.core.ticket.DeadlineKind.CLAIM, Instant.parse("2027-01-04T16:00:00Z"), false));
        assertThat(openRow.nextDueAt()).as("the sweep's next look moved too").isEqualTo(Instant.parse("2027-01-03T16:00:00Z"));
        AuditRow moved = world.audit(open).stream().filter(a -> a.type().equals("DEADLINE_MOVED")).findFirst().orElseThrow();
        assertThat(moved.detail()).isEqualTo("2027 年节假日安排已载入，认领期限由 2027-01-01 24:00（暂定） 调整为 2027-01-04 24:00");
        assertThat(moved.actor()).isEqualTo("system:holiday-load");
        assertThat(moved.beforeState()).isEqualTo("OPEN@village");
        assertThat(world.audit(claimed)).filteredOn(a -> a.type().equals("DEADLINE_MOVED")).singleElement()
                .satisfies(a -> assertThat(a.detail()).endsWith("办理期限由 2027-01-05 24:00（暂定） 调整为 2027-01-06 24:00"));
        // The handler's level hears of it in Chinese.
        assertThat(world.outbox(claimed, "DEADLINE_MOVED")).singleElement().satisfies(m -> {
            assertThat(m.audience()).isEqualTo(Audience.LEVEL);
            assertThat(m.text()).isEqualTo("工单 #" + claimed + " 2027 年节假日安排已载入，办理期限由 2027-01-05 24:00（暂定） 调整为 2027-01-06 24:00。");
        });
        assertThat(world.audit(untouched)).as("a deadline that did not move gets no step").hasSize(untouchedAudit);
        assertThat(world.outbox(untouched, "DEADLINE_MOVED")).isEmpty();
        assertThat(AuditTrail.verify(world.database()).ok()).isTrue();

        // Loading the same file again moves nothing.
        assertThat(holidays.load(2027, bytes(NOTICE_2027), "平台管理员 (admin #1)").moved()).isZero();

        // Another instance, with only the shipped data, takes the year in from the database: no restart.
        WorkingDayCalendar elsewhere = WorkingDayCalendar.shipped();
        assertThat(elsewhere.hasNotice(2027)).isFalse();
        assertThat(new HolidayLoads(world.database(), elsewhere, world.clock).refresh()).containsExactly(2027);
        assertThat(elsewhere.hasNotice(2027)).isTrue();
        assertThat(TicketDeadlines.claimDue(openRow.toTicket(), elsewhere)).isEqualTo(Instant.parse("2027-01-04T16:00:00Z"));

        // And the sweep now counts with the loaded year: not overdue at the provisional deadline any more.
        moveTo(Instant.parse("2027-01-01T16:00:30Z"));
        world.sweep.sweep(100);
        assertThat(world.row(open).level()).isEqualTo(RegionLevel.VILLAGE);
        assertThat(world.row(claimed).state()).isEqualTo(TicketState.CLAIMED);
    }

    @Test
    void aBadFileIsRefusedNamingWhatIsWrongAndNothingIsStored() {
        assertThatThrownBy(() -> holidays.load(2027, bytes("{\"year\":2028,\"days\":[]}"), "admin"))
                .isInstanceOf(HolidayDataException.class).hasMessageContaining("\"year\" 应为 2027");
        assertThatThrownBy(() -> holidays.load(2027, bytes("{\"year\":2027,\"days\":[{\"date\":\"2026-12-31\",\"isOffDay\":true}]}"), "admin"))
                .isInstanceOf(HolidayDataException.class).hasMessageContaining("days[0]").hasMessageContaining("2026-12-31 不在 2027 年内");
        assertThatThrownBy(() -> holidays.load(2027, bytes("{\"year\":2027,\"days\":[]}"), "admin"))
                .isInstanceOf(HolidayDataException.class).hasMessageContaining("尚未发布");
        assertThatThrownBy(() -> holidays.load(2027, bytes("{\"year\":2027,"), "admin"))
                .isInstanceOf(HolidayDataException.class).hasMessageContaining("不是有效的 JSON");
        assertThat(holidays.loadedYears()).isEmpty();
        assertThat(world.calendar.hasNotice(2027)).isFalse();
    }

    @Test
    void fromTheFirstOfNovemberAdministratorsAreWarnedThatNextYearIsMissing() {
        moveTo(Instant.parse("2026-10-31T15:59:00Z")); // 23:59 on 31 October in Beijing
        assertThat(holidays.warning()).isEmpty();
        moveTo(Instant.parse("2026-10-31T16:00:00Z")); // 1 November 00:00
        assertThat(holidays.missingNextYear()).hasValue(2027);
        assertThat(holidays.warning()).hasValueSatisfying(text -> assertThat(text)
                .startsWith("2027 年节假日安排尚未载入").contains("暂定", "scripts/jianqun holidays load 2027.json"));
        holidays.load(2027, bytes(NOTICE_2027), "admin");
        assertThat(holidays.warning()).isEmpty();
        assertThat(holidays.loadedYears()).singleElement().satisfies(y -> {
            assertThat(y.year()).isEqualTo(2027);
            assertThat(y.days()).isEqualTo(1);
            assertThat(y.loadedBy()).isEqualTo("admin");
        });
    }

    @Test
    void theWarningIsLoggedOncePerDay() {
        moveTo(Instant.parse("2026-11-02T01:00:00Z"));
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(HolidayLoads.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen = new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            holidays.refresh();
            holidays.refresh();
            world.clock.advance(Duration.ofHours(12));
            holidays.refresh();
            world.clock.advance(Duration.ofHours(12)); // the next day in Beijing
            holidays.refresh();
        } finally {
            logger.detachAppender(seen);
        }
        List<String> warnings = seen.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).startsWith("2027 年节假日安排尚未载入"));
    }
}
