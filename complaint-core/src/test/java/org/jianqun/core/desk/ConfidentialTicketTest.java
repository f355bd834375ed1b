package org.jianqun.core.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.ticket.TicketRule;
import org.jianqun.core.ticket.TicketState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A confidential (real-name) ticket through the desk, the queries and the sweep, for every role: it exists
 * only for the discipline officers of the office it is routed to; everyone else meets exactly what a missing
 * ticket gives, audited without its content, and no notice about it reaches a group or a level.
 */
class ConfidentialTicketTest {
    private static final String VILLAGE = "359901100201";
    private static final String TOWN = "359901100";
    private static final String SECRET = "村主任虚报危房改造补贴十二万元";
    private static final long MISSING = 987_654_321L;
    // Monday 2026-03-02 09:00 in Asia/Shanghai.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final Actor reporter = new Actor(101, "举报人", Role.VILLAGER, VILLAGE);
    private final Actor officeOfficer = new Actor(401, "东岭镇纪委", Role.DISCIPLINE_OFFICER, TOWN);
    /** Everyone who must meet the ticket as a missing one, the reporter included (their view is the mini-program's). */
    private final List<Actor> strangers = List.of(
            reporter,
            new Actor(102, "村民乙", Role.VILLAGER, VILLAGE),
            new Actor(201, "村干部", Role.VILLAGE_CADRE, VILLAGE),
            new Actor(202, "报账员", Role.BOOKKEEPER, VILLAGE),
            new Actor(203, "驻村干部", Role.RESIDENT_CADRE, TOWN),
            new Actor(301, "镇干部", Role.TOWN_OFFICER, TOWN),
            new Actor(302, "县干部", Role.COUNTY_OFFICER, "359901"),
            new Actor(303, "市干部", Role.CITY_OFFICER, "3599"),
            new Actor(402, "县纪委（上级）", Role.DISCIPLINE_OFFICER, "359901"),
            new Actor(403, "市纪委（上级）", Role.DISCIPLINE_OFFICER, "3599"),
            new Actor(404, "邻镇纪委", Role.DISCIPLINE_OFFICER, "359901101"),
            new Actor(501, "管理员", Role.ADMIN, null));
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

    private long confidential(String text) {
        return done(desk.execute(new DeskCommand.RegisterConfidential(VILLAGE, reporter.personId(), text, TOWN), reporter, Via.MINIAPP)).no();
    }

    private long ordinary(String text) {
        return done(desk.execute(new DeskCommand.Register(VILLAGE, 102, text, "g-201-1"), new Actor(102, "村民乙", Role.VILLAGER, VILLAGE),
                Via.BRIDGE)).no();
    }

    private TicketRow stored(long no) {
        return db.database().read(s -> s.getMapper(TicketMapper.class).find(no));
    }

    private List<OutboxMapper.Pending> outbox(long no) {
        return db.database().read(s -> s.getMapper(OutboxMapper.class).ofTicket(no));
    }

    /** Every command the desk knows, on ticket {@code no} (both sides of a merge), {@code other} an ordinary ticket of the village. */
    private static List<LongFunction<DeskCommand>> everyCommand(long other) {
        return List.of(DeskCommand.Claim::new, no -> new DeskCommand.Resolve(no, "已查实"), no -> new DeskCommand.Escalate(no, "需上级处理"),
                no -> new DeskCommand.SetTier(no, "复杂"), DeskCommand.Urge::new, no -> new DeskCommand.Rate(no, "满意"),
                no -> new DeskCommand.Reject(no, "不属实"), no -> new DeskCommand.Merge(no, other), no -> new DeskCommand.Merge(other, no));
    }

    private static String withoutNumber(String text, long no) {
        return text.replace("#" + no, "#?");
    }

    @Test
    void everyRoleButItsOfficeMeetsAMissingTicketThroughEveryCommandReadAndChannel() throws Exception {
        long other = ordinary("村口路灯坏了");
        long secret = confidential(SECRET);
        TicketRow before = stored(secret);
        int attempts = 0;
        for (Actor stranger : strangers) {
            for (Via via : List.of(Via.CONSOLE, Via.BRIDGE, Via.WECOM, Via.MINIAPP)) {
                for (LongFunction<DeskCommand> command : everyCommand(other)) {
                    if (stranger == reporter && via == Via.MINIAPP && command.apply(secret) instanceof DeskCommand.Rate) {
                        continue; // its reporter rates it from the mini-program: below

                    }
                    DeskResult hidden = desk.execute(command.apply(secret), stranger, via);
                    DeskResult missing = desk.execute(command.apply(MISSING), stranger, via);
                    attempts += 2;
                    String what = stranger.displayName() + " " + via + " " + command.apply(secret);
                    // Word for word the missing ticket's answer (a merge names whichever side the caller cannot know first).
                    assertThat(hidden).as(what).isInstanceOf(DeskResult.Refused.class);
                    DeskResult.Refused h = (DeskResult.Refused) hidden;
                    DeskResult.Refused m = (DeskResult.Refused) missing;
                    assertThat(h.rule()).as(what).isEqualTo(TicketRule.TICKET_EXISTS);
                    assertThat(h.notFound()).as(what).isTrue();
                    assertThat(new DeskResult.Refused(h.rule(), withoutNumber(h.reason(), secret), h.notFound())).as(what)
                            .isEqualTo(new DeskResult.Refused(m.rule(), withoutNumber(m.reason(), MISSING), m.notFound()));
                    if (!(command.apply(secret) instanceof DeskCommand.Merge)) {
                        assertThat(hidden).as(what).isEqualTo(DeskResult.Refused.ticketNotFound(secret));
                    }
                }
                assertThat(queries.view(secret, stranger, via)).as(stranger.displayName()).isEmpty();
                assertThat(queries.progress(secret, stranger, via)).as(stranger.displayName()).isEmpty();
            }
            assertThat(queries.page(stranger, null, null, null, null, 200)).extracting(TicketRow::no).doesNotContain(secret);
            assertThat(queries.page(stranger, VILLAGE, null, RegionLevel.TOWN, null, 200)).extracting(TicketRow::no).doesNotContain(secret);
        }
        assertThat(stored(secret)).as("nothing changed").isEqualTo(before);
        assertThat(stored(other).version()).as("nor the other side of a merge").isZero();

        // Each refusal is audited, with the number asked for and nothing of the ticket.
        List<String> details = new ArrayList<>();
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT detail, ticket_no FROM audit_event WHERE outcome = 'refused'")) {
            while (rs.next()) {
                assertThat(rs.getObject(2)).as("no ticket named").isNull();
                details.add(rs.getString(1));
            }
        }
        assertThat(details).hasSize(attempts).allSatisfy(d -> assertThat(d).startsWith("TICKET_EXISTS：没有找到工单 #").doesNotContain("虚报", "补贴"));
        assertThat(outbox(secret)).as("only its reporter hears of it").allSatisfy(m -> {
            assertThat(m.audience()).isEqualTo(Audience.COMPLAINANT);
            assertThat(m.text()).doesNotContain(SECRET);
        });
        // Its reporter, from the mini-program, reaches the ticket to rate it (refused here by state: it is not resolved yet).
        assertThat(((DeskResult.Refused) desk.execute(new DeskCommand.Rate(secret, "满意"), reporter, Via.MINIAPP)).rule())
                .isEqualTo(TicketRule.STATE_ALLOWS_COMMAND);
    }

    @Test
    void itsOfficeWorksItInTheConsoleAndNoNoticeReachesAGroupOrALevel() {
        long other = ordinary("村口路灯坏了");
        long secret = confidential(SECRET);
        TicketRow registered = stored(secret);
        assertThat(registered.level()).as("straight to the office").isEqualTo(RegionLevel.TOWN);
        assertThat(registered.confidential()).isTrue();
        assertThat(registered.confidentialOffice()).isEqualTo(TOWN);
        assertThat(registered.originGroupId()).isNull();

        assertThat(queries.view(secret, officeOfficer, Via.CONSOLE)).hasValueSatisfying(v -> assertThat(v.row().content()).isEqualTo(SECRET));
        assertThat(queries.page(officeOfficer, null, null, null, null, 200)).extracting(TicketRow::no).contains(secret, other);
        // In a chat group every member reads the answer: there it does not exist for its office either.
        assertThat(desk.execute(new DeskCommand.Claim(secret), officeOfficer, Via.BRIDGE)).isEqualTo(DeskResult.Refused.ticketNotFound(secret));
        assertThat(queries.progress(secret, officeOfficer, Via.BRIDGE)).isEmpty();

        assertThat(done(desk.execute(new DeskCommand.Claim(secret), officeOfficer, Via.CONSOLE)).handlerName()).isEqualTo("东岭镇纪委");
        done(desk.execute(new DeskCommand.SetTier(secret, "复杂"), officeOfficer, Via.CONSOLE));
        done(desk.execute(new DeskCommand.Urge(secret), officeOfficer, Via.CONSOLE));
        DeskResult.Refused merge = (DeskResult.Refused) desk.execute(new DeskCommand.Merge(secret, other), officeOfficer, Via.CONSOLE);
        assertThat(merge.rule()).isEqualTo(TicketRule.MERGE_TARGET_VALID);
        assertThat(((DeskResult.Refused) desk.execute(new DeskCommand.Merge(other, secret), officeOfficer, Via.CONSOLE)).rule())
                .isEqualTo(TicketRule.MERGE_TARGET_VALID);
        done(desk.execute(new DeskCommand.Escalate(secret, "涉及县管干部"), officeOfficer, Via.CONSOLE));
        done(desk.execute(new DeskCommand.Claim(secret), officeOfficer, Via.CONSOLE));
        TicketRow resolved = done(desk.execute(new DeskCommand.Resolve(secret, "经查属实，已立案"), officeOfficer, Via.CONSOLE));
        assertThat(resolved.state()).isEqualTo(TicketState.RESOLVED);
        assertThat(((DeskResult.Refused) desk.execute(new DeskCommand.Rate(secret, "满意"), officeOfficer, Via.CONSOLE)).rule())
                .isEqualTo(TicketRule.ONLY_COMPLAINANT_RATES);

        List<OutboxMapper.Pending> messages = outbox(secret);
        assertThat(messages).isNotEmpty().allSatisfy(m -> {
            assertThat(m.audience()).isEqualTo(Audience.COMPLAINANT);
            assertThat(m.target()).isEqualTo("101");
            assertThat(m.text()).doesNotContain(SECRET, "经查属实", "东岭镇纪委");
        });
    }

    @Test
    void theSweepEscalatesAndColoursItWithoutTellingAnyLevelOrDisciplineGroup() {
        long secret = confidential(SECRET);
        long plain = ordinary("水渠堵了");
        // Its acknowledgement (受理) runs 15 working days at each level: overdue twice takes it to the city.
        for (int day = 0; day < 70; day++) {
            clock.advance(Duration.ofDays(1));
            sweep.sweep(100);
        }
        TicketRow swept = stored(secret);
        assertThat(swept.level()).as("escalated overdue up to the city").isEqualTo(RegionLevel.CITY);
        assertThat(swept.warning().name()).isEqualTo("RED");
        assertThat(swept.confidentialOffice()).as("still its office's").isEqualTo(TOWN);
        assertThat(outbox(secret)).allSatisfy(m -> assertThat(m.audience()).isEqualTo(Audience.COMPLAINANT));
        assertThat(outbox(plain)).as("an ordinary ticket still is told").anySatisfy(m -> assertThat(m.audience()).isEqualTo(Audience.LEVEL))
                .anySatisfy(m -> assertThat(m.audience()).isEqualTo(Audience.DISCIPLINE));
        assertThat(queries.view(secret, new Actor(303, "市干部", Role.CITY_OFFICER, "3599"), Via.CONSOLE)).isEmpty();
        assertThat(queries.view(secret, officeOfficer, Via.CONSOLE)).isPresent();
    }

    @Test
    void anOrdinaryComplaintIsNeverLinkedToAConfidentialOneButTwoReportsToOneOfficeAre() {
        long secret = confidential(SECRET);
        TicketRow plain = done(desk.execute(new DeskCommand.Register(VILLAGE, 102, SECRET, "g-201-1"),
                new Actor(102, "村民乙", Role.VILLAGER, VILLAGE), Via.BRIDGE));
        assertThat(plain.possibleDuplicateOf()).as("told in the group: must not name the report").isNull();
        assertThat(outbox(plain.no())).allSatisfy(m -> assertThat(m.text()).doesNotContain("#" + secret));
        TicketRow second = done(desk.execute(new DeskCommand.RegisterConfidential(VILLAGE, 102, SECRET + "！", TOWN),
                new Actor(102, "村民乙", Role.VILLAGER, VILLAGE), Via.MINIAPP));
        assertThat(second.possibleDuplicateOf()).isEqualTo(secret);
    }

    @Test
    void aReportGoesOnlyToAnOfficeOverItsVillage() {
        DeskResult.Refused village = (DeskResult.Refused) desk.execute(new DeskCommand.RegisterConfidential(VILLAGE, 101, SECRET, VILLAGE),
                reporter, Via.MINIAPP);
        assertThat(village.rule()).isEqualTo(TicketRule.OFFICE_COVERS_VILLAGE);
        assertThat(((DeskResult.Refused) desk.execute(new DeskCommand.RegisterConfidential(VILLAGE, 101, SECRET, "359902"), reporter,
                Via.MINIAPP)).rule()).isEqualTo(TicketRule.OFFICE_COVERS_VILLAGE);
        assertThat(((DeskResult.Refused) desk.execute(new DeskCommand.RegisterConfidential(VILLAGE, 102, SECRET, TOWN), reporter,
                Via.MINIAPP)).rule()).isEqualTo(TicketRule.VILLAGERS_REPORT_FOR_THEMSELVES);
        assertThat(((DeskResult.Refused) desk.execute(new DeskCommand.RegisterConfidential(VILLAGE, 101, " ", TOWN), reporter,
                Via.MINIAPP)).rule()).isEqualTo(TicketRule.VALID_COMPLAINT);
        // To the county, as when it accuses a town official: the town's own office does not know it.
        long toCounty = done(desk.execute(new DeskCommand.RegisterConfidential(VILLAGE, 101, SECRET, "359901"), reporter, Via.MINIAPP)).no();
        assertThat(stored(toCounty).level()).isEqualTo(RegionLevel.COUNTY);
        assertThat(queries.view(toCounty, officeOfficer, Via.CONSOLE)).isEmpty();
        assertThat(queries.view(toCounty, new Actor(402, "县纪委", Role.DISCIPLINE_OFFICER, "359901"), Via.CONSOLE)).isPresent();
        assertThat(db.database().<Long>read(s -> s.getMapper(TicketMapper.class).count())).isEqualTo(1);
    }
}
