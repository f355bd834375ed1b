package org.jianqun.core.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.audit.AuditMapper;
import org.jianqun.core.audit.AuditRow;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.ticket.TicketRule;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.core.ticket.WarningColour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The desk against a real database (MariaDB in CI): each command's row, trail and outbox written together. */
class TicketDeskTest {
    private static final String VILLAGE = "359901100201";
    private static final String OTHER_VILLAGE = "359901100202";
    // Monday 2026-03-02 09:00 in Asia/Shanghai.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final Actor villager = new Actor(101, "村民甲", Role.VILLAGER, VILLAGE);
    private final Actor neighbour = new Actor(102, "村民乙", Role.VILLAGER, VILLAGE);
    private final Actor cadre = new Actor(201, "村干部", Role.VILLAGE_CADRE, VILLAGE);
    private final Actor otherCadre = new Actor(202, "邻村干部", Role.VILLAGE_CADRE, OTHER_VILLAGE);
    private final Actor foreignOfficer = new Actor(301, "外县干部", Role.COUNTY_OFFICER, "359902");
    private TestDatabase db;
    private TicketDesk desk;
    private TicketQueries queries;
    private DeadlineSweep sweep;

    @BeforeEach
    void open() {
        DeskParts parts = DeskParts.open(clock);
        db = parts.db();
        desk = parts.desk();
        queries = parts.queries();
        sweep = parts.sweep();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static TicketRow done(DeskResult result) {
        return DeskParts.done(result);
    }

    private DeskResult.Refused refused(DeskResult result) {
        assertThat(result).as("%s", result).isInstanceOf(DeskResult.Refused.class);
        return (DeskResult.Refused) result;
    }

    private TicketRow stored(long no) {
        return db.database().read(s -> s.getMapper(TicketMapper.class).find(no));
    }

    private List<OutboxMapper.Pending> outbox(long no) {
        return db.database().read(s -> s.getMapper(OutboxMapper.class).ofTicket(no));
    }

    private List<AuditRow> trail(long no) {
        return db.database().read(s -> s.getMapper(AuditMapper.class).ofTicket(no));
    }

    /**
     * A registration holds one connection from start to commit and takes no second one: with a pool of two and the
     * other connection held elsewhere, a report for a village not named before (its name is read for the notice)
     * still goes through. Taking a second connection from inside the transaction starved the pool under load.
     */
    @Test
    void aRegistrationTakesNoSecondConnection() throws Exception {
        try (Database two = db.openAnother(2); java.sql.Connection elsewhere = two.dataSource().getConnection()) {
            TicketDesk onTwo = new TicketDesk(two, WorkingDayCalendar.shipped(), clock);
            TicketRow opened = done(onTwo.execute(new DeskCommand.Register(VILLAGE, villager.personId(), "村里的水渠堵了", null), villager, Via.MINIAPP));
            assertThat(opened.villageCode()).isEqualTo(VILLAGE);
            assertThat(elsewhere.isValid(1)).isTrue();
        }
    }

    @Test
    void theWholeStoryIsStoredStepByStep() {
        TicketRow opened = done(desk.execute(new DeskCommand.Register(VILLAGE, villager.personId(), "村道路灯坏了三个月没人修", "g-201-1"), villager, Via.BRIDGE));
        assertThat(opened.state()).isEqualTo(TicketState.OPEN);
        assertThat(opened.level()).isEqualTo(RegionLevel.VILLAGE);
        // Claim within one working day: Tuesday 24:00 = Wednesday 00:00 +08:00; yellow from Tuesday 00:00.
        assertThat(opened.nextDueAt()).isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
        assertThat(outbox(opened.no())).singleElement().satisfies(m -> {
            assertThat(m.audience()).isEqualTo(Audience.GROUP);
            assertThat(m.target()).isEqualTo("bridge:g-201-1");
            assertThat(m.text()).contains("#" + opened.no(), "认领期限 2026-03-03 24:00");
        });

        clock.advance(Duration.ofHours(2));
        TicketRow claimed = done(desk.execute(new DeskCommand.Claim(opened.no()), cadre, Via.BRIDGE));
        assertThat(claimed.handlerName()).isEqualTo("村干部");
        assertThat(stored(opened.no()).version()).isEqualTo(1);

        TicketRow resolved = done(desk.execute(new DeskCommand.Resolve(opened.no(), "已更换灯泡"), cadre, Via.BRIDGE));
        assertThat(resolved.state()).isEqualTo(TicketState.RESOLVED);
        assertThat(outbox(opened.no())).anySatisfy(m -> {
            assertThat(m.audience()).isEqualTo(Audience.LEVEL);
            assertThat(m.target()).isEqualTo("359901100");
            assertThat(m.text()).contains("已更换灯泡");
        }).anySatisfy(m -> {
            assertThat(m.audience()).isEqualTo(Audience.COMPLAINANT);
            assertThat(m.target()).isEqualTo("101");
            assertThat(m.text()).contains("评价 #" + opened.no());
        });

        TicketRow closed = done(desk.execute(new DeskCommand.Rate(opened.no(), "满意"), villager, Via.BRIDGE));
        assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
        assertThat(closed.ending()).isEqualTo("SATISFIED");
        assertThat(closed.nextDueAt()).isNull();
        assertThat(trail(opened.no())).extracting(AuditRow::type).containsExactly("REGISTERED", "CLAIMED", "RESOLVED", "CLOSED");
        assertThat(trail(opened.no())).allSatisfy(r -> assertThat(r.channel()).isEqualTo("bridge"));
        assertThat(AuditTrail.verify(db.database()).ok()).isTrue();
    }

    @Test
    void aRefusalChangesNothingButIsAudited() {
        TicketRow opened = done(desk.execute(new DeskCommand.Register(VILLAGE, villager.personId(), "低保评定不公开", null), villager, Via.CONSOLE));
        DeskResult.Refused wrongState = refused(desk.execute(new DeskCommand.Resolve(opened.no(), "已处理"), cadre, Via.CONSOLE));
        assertThat(wrongState.rule()).isEqualTo(TicketRule.STATE_ALLOWS_COMMAND);
        assertThat(wrongState.reason()).contains("#" + opened.no());
        DeskResult.Refused wrongRole = refused(desk.execute(new DeskCommand.Claim(opened.no()), villager, Via.CONSOLE));
        assertThat(wrongRole.notFound()).isFalse();
        DeskResult.Refused notTheComplainant = refused(desk.execute(new DeskCommand.Rate(opened.no(), "满意"), neighbour, Via.CONSOLE));
        assertThat(notTheComplainant.rule()).isIn(TicketRule.STATE_ALLOWS_COMMAND, TicketRule.ONLY_COMPLAINANT_RATES);
        DeskResult.Refused tier = refused(desk.execute(new DeskCommand.SetTier(opened.no(), "紧急"), cadre, Via.CONSOLE));
        assertThat(tier.reason()).contains("一般、特殊、复杂");

        TicketRow after = stored(opened.no());
        assertThat(after.state()).isEqualTo(TicketState.OPEN);
        assertThat(after.version()).isZero();
        assertThat(trail(opened.no())).extracting(AuditRow::outcome).containsExactly("accepted", "refused", "refused", "refused", "refused");
    }

    @Test
    void aTicketOfAnotherVillageOrCountyIsNotFound() {
        TicketRow opened = done(desk.execute(new DeskCommand.Register(VILLAGE, villager.personId(), "宅基地审批", null), villager, Via.CONSOLE));
        DeskResult.Refused neighbours = refused(desk.execute(new DeskCommand.Claim(opened.no()), otherCadre, Via.CONSOLE));
        assertThat(neighbours.notFound()).isTrue();
        assertThat(neighbours.reason()).isEqualTo("没有找到工单 #" + opened.no() + "（或不在你的范围内）");
        assertThat(refused(desk.execute(new DeskCommand.Claim(opened.no()), foreignOfficer, Via.CONSOLE)).notFound()).isTrue();
        assertThat(refused(desk.execute(new DeskCommand.Claim(999_999), cadre, Via.CONSOLE)).notFound()).isTrue();
        assertThat(queries.view(opened.no(), otherCadre, Via.CONSOLE)).isEmpty();
        assertThat(queries.view(opened.no(), cadre, Via.CONSOLE)).isPresent();
    }

    @Test
    void onlyDisciplineOfficersSeeAConfidentialTicketAndEachLookIsAudited() throws Exception {
        TicketRow opened = done(desk.execute(new DeskCommand.Register(VILLAGE, villager.personId(), "村主任虚报工程款", null), villager, Via.MINIAPP));
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE ticket SET confidential = TRUE, confidential_office = '359901100' WHERE no = " + opened.no());
        }
        Actor jjw = new Actor(401, "镇纪委干部", Role.DISCIPLINE_OFFICER, "359901100");
        assertThat(queries.view(opened.no(), cadre, Via.CONSOLE)).isEmpty();
        assertThat(queries.progress(opened.no(), villager, Via.BRIDGE)).as("never shown in a group").isEmpty();
        assertThat(queries.view(opened.no(), jjw, Via.CONSOLE)).isPresent();
        assertThat(trail(opened.no())).extracting(AuditRow::type).containsExactly("REGISTERED", "VIEWED_CONFIDENTIAL");
        assertThat(trail(opened.no()).get(1).actor()).contains("镇纪委干部");
    }

    @Test
    void aNearIdenticalComplaintIsLinkedAndMergingKeepsBothComplainants() {
        TicketRow first = done(desk.execute(new DeskCommand.Register(VILLAGE, villager.personId(), "村口的路灯坏了，晚上很黑", "g-201-1"), villager, Via.BRIDGE));
        TicketRow second = done(desk.execute(new DeskCommand.Register(VILLAGE, neighbour.personId(), "村口路灯坏了晚上很黑！", "g-201-1"), neighbour, Via.BRIDGE));
        TicketRow unrelated = done(desk.execute(new DeskCommand.Register(VILLAGE, neighbour.personId(), "低保名单有村干部亲属", "g-201-1"), neighbour, Via.BRIDGE));
        assertThat(second.possibleDuplicateOf()).isEqualTo(first.no());
        assertThat(unrelated.possibleDuplicateOf()).isNull();

        TicketRow merged = done(desk.execute(new DeskCommand.Merge(second.no(), first.no()), cadre, Via.CONSOLE));
        assertThat(merged.state()).isEqualTo(TicketState.MERGED);
        assertThat(merged.mergedInto()).isEqualTo(first.no());
        assertThat(db.database().<List<Long>>read(s -> s.getMapper(TicketMapper.class).complainants(first.no()))).containsExactly(101L, 102L);
        done(desk.execute(new DeskCommand.Claim(first.no()), cadre, Via.BRIDGE));
        done(desk.execute(new DeskCommand.Resolve(first.no(), "已修好"), cadre, Via.BRIDGE));
        assertThat(outbox(first.no())).filteredOn(m -> m.audience() == Audience.COMPLAINANT && m.text().contains("已修好"))
                .extracting(OutboxMapper.Pending::target).containsExactlyInAnyOrder("101", "102");
        assertThat(refused(desk.execute(new DeskCommand.Merge(unrelated.no(), unrelated.no()), cadre, Via.CONSOLE)).rule()).isEqualTo(TicketRule.MERGE_TARGET_VALID);
    }

    /** Every entry point registers through the desk, so the desk decides who may be named as the complainant. */
    @Test
    void theComplainantIsAPersonOfTheVillageOrTheCaller() {
        long own = person(new Person(null, "东岭村民", Role.VILLAGER, VILLAGE, Channel.BRIDGE, "wx-own", null, null));
        long elsewhere = person(new Person(null, "上洋村民", Role.VILLAGER, OTHER_VILLAGE, Channel.BRIDGE, "wx-elsewhere", null, null));
        long admin = person(new Person(null, "管理员", Role.ADMIN, null, null, null, "admin", "x"));
        long town = person(new Person(null, "镇办事员", Role.TOWN_OFFICER, "359901100", null, null, "town", "x"));
        for (long other : new long[] {elsewhere, admin, town, 999_999}) {
            DeskResult.Refused r = refused(desk.execute(new DeskCommand.Register(VILLAGE, other, "以别人的名义反映", null), cadre, Via.CONSOLE));
            assertThat(r.rule()).as("#%d", other).isEqualTo(TicketRule.COMPLAINANT_OF_VILLAGE);
            assertThat(r.reason()).contains("本村", "本人").doesNotContain("管理员", "上洋村民");
            DeskResult.Refused confidential = refused(desk.execute(
                    new DeskCommand.RegisterConfidential(VILLAGE, other, "实名举报", "359901100"), cadre, Via.MINIAPP));
            assertThat(confidential.rule()).isEqualTo(TicketRule.COMPLAINANT_OF_VILLAGE);
        }
        assertThat(db.database().<Long>read(s -> s.getMapper(TicketMapper.class).count())).isZero();
        assertThat(done(desk.execute(new DeskCommand.Register(VILLAGE, own, "村道路灯坏了", null), cadre, Via.CONSOLE)).villageCode()).isEqualTo(VILLAGE);
        Actor townOfficer = new Actor(town, "镇办事员", Role.TOWN_OFFICER, "359901100");
        assertThat(done(desk.execute(new DeskCommand.Register(VILLAGE, town, "镇里自己发现的问题", null), townOfficer, Via.CONSOLE)).villageCode())
                .isEqualTo(VILLAGE);
    }

    private long person(Person p) {
        return db.database().inTransaction(s -> {
            PersonMapper people = s.getMapper(PersonMapper.class);
            people.insert(p, clock.instant());
            return p.username() != null ? people.findByUsername(p.username()).id() : people.findByChannelUser(p.channel(), p.channelUserId()).id();
        });
    }

    @Test
    void badRegistrationsAreRefusedAndAudited() {
        assertThat(refused(desk.execute(new DeskCommand.Register("359901100299", 101, "内容", null), cadre, Via.CONSOLE)).reason()).contains("不存在");
        assertThat(refused(desk.execute(new DeskCommand.Register(VILLAGE, 101, "   ", null), cadre, Via.CONSOLE)).reason()).contains("不能为空");
        assertThat(refused(desk.execute(new DeskCommand.Register(VILLAGE, 101, "字".repeat(TicketDesk.MAX_CONTENT_LENGTH + 1), null), cadre, Via.CONSOLE)).reason())
                .contains("过长");
        assertThat(refused(desk.execute(new DeskCommand.Register(VILLAGE, 102, "替别人反映", null), villager, Via.CONSOLE)).rule()).isEqualTo(TicketRule.VILLAGERS_REPORT_FOR_THEMSELVES);
        assertThat(db.database().<Long>read(s -> s.getMapper(TicketMapper.class).count())).isZero();
        assertThat(AuditTrail.verify(db.database()).checked()).isEqualTo(4);
    }

    @Test
    void aTicketTheSweepCannotReadIsSetAsideAndTheOthersGoOn() throws Exception {
        TicketRow broken = done(desk.execute(new DeskCommand.Register(VILLAGE, villager.personId(), "坏数据", null), villager, Via.CONSOLE));
        TicketRow fine = done(desk.execute(new DeskCommand.Register(VILLAGE, neighbour.personId(), "水渠堵了", null), neighbour, Via.CONSOLE));
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement()) {
            // CLAIMED without a handler cannot be built into a Ticket: the sweep must not stall on it.
            st.executeUpdate("UPDATE ticket SET state = 'CLAIMED' WHERE no = " + broken.no());
        }
        clock.advance(Duration.ofDays(2));
        DeadlineSweep.SweepReport report = sweep.sweep(100);
        assertThat(report.escalated()).isEqualTo(1);
        assertThat(stored(fine.no()).level()).isEqualTo(RegionLevel.TOWN);
        assertThat(stored(broken.no()).nextDueAt()).isEqualTo(clock.instant().plus(DeadlineSweep.SET_ASIDE));
        assertThat(sweep.sweep(100).looked()).as("set aside, not retried every pass").isZero();
    }

    @Test
    void theSweepEscalatesAnOverdueTicketOnceAndColoursIt() {
        TicketRow opened = done(desk.execute(new DeskCommand.Register(VILLAGE, villager.personId(), "集体资金去向不明", "g-201-1"), villager, Via.BRIDGE));
        clock.advance(Duration.ofHours(16)); // Tuesday 01:00 +08:00: less than one working day left
        assertThat(sweep.sweep(100).recoloured()).isEqualTo(1);
        assertThat(stored(opened.no()).warning()).isEqualTo(WarningColour.YELLOW);
        clock.advance(Duration.ofDays(1)); // Wednesday 01:00: the claim deadline has passed
        DeadlineSweep.SweepReport report = sweep.sweep(100);
        assertThat(report.escalated()).isEqualTo(1);
        TicketRow escalated = stored(opened.no());
        assertThat(escalated.level()).isEqualTo(RegionLevel.TOWN);
        assertThat(escalated.state()).isEqualTo(TicketState.OPEN);
        assertThat(escalated.warning()).isEqualTo(WarningColour.ORANGE);
        assertThat(sweep.sweep(100).escalated()).as("nothing more is due").isZero();
        assertThat(outbox(opened.no())).anySatisfy(m -> {
            assertThat(m.audience()).isEqualTo(Audience.LEVEL);
            assertThat(m.target()).isEqualTo("359901100");
            assertThat(m.text()).contains("上报至镇级");
        });
        clock.advance(Duration.ofDays(2)); // Friday 01:00: the town's claim deadline (Thursday 24:00) passed too
        assertThat(sweep.sweep(100).escalated()).isEqualTo(1);
        TicketRow red = stored(opened.no());
        assertThat(red.level()).isEqualTo(RegionLevel.COUNTY);
        assertThat(red.warning()).isEqualTo(WarningColour.RED);
        assertThat(outbox(opened.no())).anySatisfy(m -> {
            assertThat(m.audience()).isEqualTo(Audience.DISCIPLINE);
            assertThat(m.target()).isEqualTo("359901");
        });
        assertThat(trail(opened.no())).extracting(AuditRow::type)
                .containsExactly("REGISTERED", "WARNING", "ESCALATED_OVERDUE", "WARNING", "ESCALATED_OVERDUE", "WARNING");
        assertThat(AuditTrail.verify(db.database()).ok()).isTrue();
    }
}
