package org.jianqun.core.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.audit.AuditMapper;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.clues.ClueLibrary;
import org.jianqun.core.clues.ClueOrigin;
import org.jianqun.core.clues.ClueOutcome;
import org.jianqun.core.clues.ClueValue;
import org.jianqun.core.clues.VillageClueCounts;
import org.jianqun.core.patrol.FlaggedMessages;
import org.jianqun.core.desk.DeadlineSweep;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.Via;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.testing.CsvFiles;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.ticket.TicketRule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every statistic pinned against tickets made for it through the desk (issue 14's "Done when"), on H2 and on
 * MariaDB (when JIANQUN_TEST_DB_URL names one): the 5-working-day rate counted across 劳动节 2026 and its 调休
 * Saturday, satisfaction over the rated only, escalations and overdue from the real sweep, and a confidential
 * report that is in the discipline office's totals and in no figure a town officer sees.
 */
class StatisticsTest {
    static final String TOWN = "359901100";
    static final String DONGLING = "359901100201";
    static final String SHANGYANG = "359901100202";
    static final String XIKENG = "359901100203";
    static final String NANSHAN = "359901101201";
    static final String[] MORE_REGIONS = {
        "code,name,level,parent_code",
        "359901100203,西坑村,village,359901100",
        "359901101,南山镇,town,359901",
        "359901101201,南山村,village,359901101",
    };
    static final LocalDate FROM = LocalDate.parse("2026-04-01");
    static final LocalDate TO = LocalDate.parse("2026-05-31");

    /** Thursday 2026-04-30 09:00 at +08:00, the working day before 劳动节 (May 1–5 off, Saturday May 9 worked). */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-30T01:00:00Z"));
    private final Actor cadre = new Actor(201, "东岭村干部", Role.VILLAGE_CADRE, DONGLING);
    private final Actor shangyangCadre = new Actor(202, "上洋村干部", Role.VILLAGE_CADRE, SHANGYANG);
    private final Actor townOfficer = new Actor(301, "镇干部", Role.TOWN_OFFICER, TOWN);
    private final Actor office = new Actor(401, "东岭镇纪委", Role.DISCIPLINE_OFFICER, TOWN);

    private static Actor villager(long id, String village) {
        return new Actor(id, "村民" + id, Role.VILLAGER, village);
    }

    record Parts(TestDatabase db, TicketDesk desk, DeadlineSweep sweep, Statistics statistics) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }

    private Parts open(String database) {
        if (database.equals("mariadb")) {
            Assumptions.assumeTrue(TestDatabase.realServerConfigured(), "JIANQUN_TEST_DB_URL not set: MariaDB not configured here");
        }
        TestDatabase db = database.equals("mariadb") ? TestDatabase.freshMariaDb() : TestDatabase.freshH2();
        OrganisationImporter importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        importer.importCsv(ImportKind.REGIONS, CsvFiles.csv(CsvFiles.REGIONS), null);
        importer.importCsv(ImportKind.REGIONS, CsvFiles.csv(MORE_REGIONS), null);
        WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
        return new Parts(db, new TicketDesk(db.database(), calendar, clock), new DeadlineSweep(db.database(), calendar, clock),
                new Statistics(db.database(), ClueCounts.NONE, DiligenceWeights.defaults()));
    }

    private static TicketRow done(DeskResult result) {
        assertThat(result).as("%s", result).isInstanceOf(DeskResult.Done.class);
        return ((DeskResult.Done) result).ticket();
    }

    private long report(Parts p, Actor who, String text) {
        return done(p.desk().execute(new DeskCommand.Register(who.scopeCode(), who.personId(), text, null), who, Via.CONSOLE)).no();
    }

    private void at(String instant) {
        Duration by = Duration.between(clock.peek(), Instant.parse(instant));
        clock.advance(by);
    }

    private static StatisticsQuery query(String scope, Grouping by, Actor asker) {
        return new StatisticsQuery(scope, FROM, TO, by, AccessPolicy.confidentialCountedFor(asker));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void everyStatisticIsPinnedAgainstTicketsMadeThroughTheDesk(String database) {
        try (Parts p = open(database)) {
            Actor a1 = villager(101, DONGLING);
            Actor b1 = villager(102, DONGLING);
            Actor c1 = villager(103, DONGLING);
            Actor d1 = villager(104, DONGLING);
            Actor g1 = villager(105, SHANGYANG);
            long a = report(p, a1, "村口路灯坏了三个月，晚上很黑");
            long b = report(p, b1, "低保名额评定不公开，优亲厚友");
            long c = report(p, c1, "邻居家宅基地占了我家的地，发生纠纷");
            long d = report(p, d1, "村里垃圾没人清理，臭气熏天");
            long g = report(p, g1, "村里自来水停水一周了");
            TicketDesk desk = p.desk();
            for (long no : List.of(a, b, c, d)) {
                done(desk.execute(new DeskCommand.Claim(no), cadre, Via.CONSOLE));
            }
            for (long no : List.of(a, b, d)) { // 复杂: 15 working days, so the sweep leaves them be
                done(desk.execute(new DeskCommand.SetTier(no, "复杂"), cadre, Via.CONSOLE));
            }
            done(desk.execute(new DeskCommand.Resolve(c, "已调解"), cadre, Via.CONSOLE)); // resolved the day it came: 0 working days
            done(desk.execute(new DeskCommand.Escalate(g, "需镇里协调"), shangyangCadre, Via.CONSOLE)); // to the town
            done(desk.execute(new DeskCommand.Urge(b), b1, Via.CONSOLE));
            done(desk.execute(new DeskCommand.Urge(b), b1, Via.CONSOLE));

            // Saturday 2026-05-09, the 调休 working day: c closes unrated (3 working days: May 6, 7, 8); g, unclaimed at
            // the town since April 30, escalates overdue to the county (督办).
            at("2026-05-09T02:00:00Z");
            for (int i = 0; i < 3; i++) {
                p.sweep().sweep(100);
            }
            // Monday May 11: a resolved on the 5th working day after April 30 (May 6, 7, 8, 9, 11), rated 满意.
            at("2026-05-11T02:00:00Z");
            done(desk.execute(new DeskCommand.Resolve(a, "已更换路灯"), cadre, Via.CONSOLE));
            done(desk.execute(new DeskCommand.Rate(a, "满意"), a1, Via.CONSOLE));
            // A real-name report for the town's office: in its totals only.
            long e = done(desk.execute(new DeskCommand.RegisterConfidential(DONGLING, 106, "村主任虚报危房改造补贴", TOWN),
                    villager(106, DONGLING), Via.MINIAPP)).no();
            // Tuesday May 12, the 6th working day: d resolved (late), 基本满意; b resolved and 不满意, so reopened.
            at("2026-05-12T02:00:00Z");
            done(desk.execute(new DeskCommand.Resolve(d, "已清运"), cadre, Via.CONSOLE));
            done(desk.execute(new DeskCommand.Rate(d, "基本满意"), d1, Via.CONSOLE));
            done(desk.execute(new DeskCommand.Resolve(b, "已重新评定"), cadre, Via.CONSOLE));
            done(desk.execute(new DeskCommand.Rate(b, "不满意"), b1, Via.CONSOLE));

            TicketRow rowA = p.db().database().read(s -> s.getMapper(TicketMapper.class).find(a));
            assertThat(TicketTally.workingDaysToResolve(rowA, WorkingDayCalendar.shipped()))
                    .as("11 calendar days, 5 working days across 劳动节 and its Saturday").isEqualTo(5);

            StatisticsTable town = p.statistics().table(query(TOWN, Grouping.VILLAGE, townOfficer));
            TallyCounts t = town.totals();
            assertThat(t.registered()).as("the confidential report is in no total of the town officer's").isEqualTo(5);
            assertThat(t.resolved()).as("a, c, d; b was reopened").isEqualTo(3);
            assertThat(t.withinFive()).as("a (5 working days) and c (0); d took 6").isEqualTo(2);
            assertThat(town.totalFigures().withinFiveShare().getAsDouble()).isCloseTo(2.0 / 5, within(1e-9));
            assertThat(town.totalFigures().averageWorkingDaysToResolve().getAsDouble()).isCloseTo((5 + 0 + 6) / 3.0, within(1e-9));
            assertThat(t.overdue()).as("g, swept up from the town").isEqualTo(1);
            assertThat(List.of(t.toTown(), t.toCounty(), t.toCity())).as("g: 上报 to the town, then overdue to the county").containsExactly(1L, 1L, 0L);
            assertThat(List.of(t.satisfied(), t.basically(), t.unsatisfied())).containsExactly(1L, 1L, 1L);
            assertThat(town.totalFigures().satisfaction().getAsDouble()).as("满意 + 基本满意 over the rated (a, d, b); c unrated is not rated")
                    .isCloseTo(2.0 / 3, within(1e-9));
            assertThat(t.unrated()).isEqualTo(1);
            assertThat(List.of(t.urged(), t.urges(), t.reopened())).containsExactly(1L, 2L, 1L);
            assertThat(t.warned()).as("g overdue").isEqualTo(1);
            Map<String, Long> byVillage = town.rows().stream().collect(Collectors.toMap(StatisticsTable.Row::key, r -> r.counts().registered()));
            assertThat(byVillage).as("the town officer's drill-down has no trace of the report").containsOnly(
                    Map.entry(DONGLING, 4L), Map.entry(SHANGYANG, 1L));
            assertThat(town.rows()).extracting(StatisticsTable.Row::name).containsExactly("东岭村", "上洋村");

            StatisticsTable forOffice = p.statistics().table(query(TOWN, Grouping.VILLAGE, office));
            assertThat(forOffice.totals().registered()).as("the discipline office counts its report").isEqualTo(6);
            assertThat(forOffice.rows().get(0).counts().registered()).isEqualTo(5);
            StatisticsTable forCounty = p.statistics().table(query("359901", Grouping.TOWN, new Actor(402, "县纪委", Role.DISCIPLINE_OFFICER, "359901")));
            assertThat(forCounty.totals().registered()).as("an office above does not know the town's report, so does not count it").isEqualTo(5);

            Map<String, Long> byCategory = p.statistics().table(query(TOWN, Grouping.CATEGORY, townOfficer)).rows().stream()
                    .collect(Collectors.toMap(StatisticsTable.Row::key, r -> r.counts().registered()));
            assertThat(byCategory).containsOnly(Map.entry("基础设施", 2L), Map.entry("惠民政策", 1L), Map.entry("邻里纠纷", 1L), Map.entry("环境卫生", 1L));
            Map<String, Long> byLevel = p.statistics().table(query(TOWN, Grouping.LEVEL, townOfficer)).rows().stream()
                    .collect(Collectors.toMap(StatisticsTable.Row::key, r -> r.counts().registered()));
            assertThat(byLevel).containsOnly(Map.entry("VILLAGE", 4L), Map.entry("COUNTY", 1L));
            assertThat(p.statistics().table(query(TOWN, Grouping.MONTH, townOfficer)).rows())
                    .extracting(StatisticsTable.Row::key).containsExactly("2026-04");
            assertThat(p.statistics().table(new StatisticsQuery(TOWN, FROM, LocalDate.parse("2026-04-29"), Grouping.VILLAGE, Optional.empty()))
                    .totals()).as("a period before the tickets").isEqualTo(TallyCounts.NONE);

            // Whole months come from the monthly roll-ups, partial ones from the days: any cut of the same tickets agrees.
            StatisticsQuery partial = new StatisticsQuery(TOWN, LocalDate.parse("2026-04-15"), LocalDate.parse("2026-06-30"), Grouping.VILLAGE,
                    AccessPolicy.confidentialCountedFor(office));
            assertThat(p.statistics().table(partial).rows()).as("April's days, May and June whole").isEqualTo(forOffice.rows());
            StatisticsQuery days = new StatisticsQuery(TOWN, LocalDate.parse("2026-04-30"), LocalDate.parse("2026-05-11"), Grouping.VILLAGE,
                    AccessPolicy.confidentialCountedFor(townOfficer));
            assertThat(p.statistics().table(days).totals()).as("days only, the town officer's").isEqualTo(t);
            assertThat(p.statistics().table(new StatisticsQuery(TOWN, LocalDate.parse("2026-05-01"), LocalDate.parse("2026-05-31"),
                    Grouping.VILLAGE, AccessPolicy.confidentialCountedFor(townOfficer))).rows())
                    .as("May whole: the report registered in May is in no row of the town officer's").isEmpty();
            assertThat(p.statistics().table(new StatisticsQuery(TOWN, LocalDate.parse("2026-05-01"), LocalDate.parse("2026-05-31"),
                    Grouping.VILLAGE, AccessPolicy.confidentialCountedFor(office))).rows())
                    .extracting(r -> r.key() + ":" + r.counts().registered()).as("but in its office's").containsExactly(DONGLING + ":1");
            for (Grouping by : Grouping.values()) {
                for (Actor asker : List.of(townOfficer, office)) {
                    StatisticsQuery whole = new StatisticsQuery("359901", FROM, TO, by, AccessPolicy.confidentialCountedFor(asker));
                    StatisticsQuery cut = new StatisticsQuery("359901", LocalDate.parse("2026-03-20"), LocalDate.parse("2026-06-10"), by,
                            AccessPolicy.confidentialCountedFor(asker));
                    assertThat(p.statistics().table(whole).rows()).as("%s for %s: months against days", by, asker.role())
                            .isEqualTo(p.statistics().table(cut).rows()).isNotEmpty();
                }
            }
            assertRollUpsSumTheDays(p);

            // 分类 moves g's contribution to its new category, audited; refusals change nothing.
            Actor countyOfficer = new Actor(302, "县干部", Role.COUNTY_OFFICER, "359901");
            DeskResult wrongWord = desk.execute(new DeskCommand.Categorise(g, "水利"), countyOfficer, Via.CONSOLE);
            assertThat(((DeskResult.Refused) wrongWord).rule()).isEqualTo(TicketRule.KNOWN_CATEGORY);
            DeskResult villagerTries = desk.execute(new DeskCommand.Categorise(a, "其他"), a1, Via.CONSOLE);
            assertThat(((DeskResult.Refused) villagerTries).rule()).isEqualTo(TicketRule.ROLE_FITS_TICKET_LEVEL);
            DeskResult townOnVillageTicket = desk.execute(new DeskCommand.Categorise(a, "其他"), townOfficer, Via.CONSOLE);
            assertThat(((DeskResult.Refused) townOnVillageTicket).rule()).as("a is at village level: its cadre's to correct").isEqualTo(TicketRule.ROLE_FITS_TICKET_LEVEL);
            assertThat(done(desk.execute(new DeskCommand.Categorise(g, "三资管理"), countyOfficer, Via.CONSOLE)).category()).isEqualTo("三资管理");
            Map<String, Long> after = p.statistics().table(query(TOWN, Grouping.CATEGORY, townOfficer)).rows().stream()
                    .collect(Collectors.toMap(StatisticsTable.Row::key, r -> r.counts().registered()));
            assertThat(after).containsEntry("基础设施", 1L).containsEntry("三资管理", 1L);
            assertThat(p.statistics().table(query(TOWN, Grouping.CATEGORY, townOfficer)).totals())
                    .as("a correction moves counts, it makes none").isEqualTo(t);
            List<String> audited = p.db().database().read(s -> s.getMapper(AuditMapper.class).ofTicket(g)).stream()
                    .map(r -> r.type() + ":" + r.detail()).toList();
            assertThat(audited).anyMatch(x -> x.equals("CATEGORISED:分类：由「基础设施」改为「三资管理」"));

            // The tally and its roll-ups the desk kept equal those rebuilt from the tickets.
            assertRollUpsSumTheDays(p);
            Supplier<List<List<StatisticsTable.Row>>> all = () -> List.of(p.statistics().table(query(TOWN, Grouping.VILLAGE, office)).rows(),
                    p.statistics().table(query("359901", Grouping.CATEGORY, office)).rows(),
                    p.statistics().table(query("359901", Grouping.LEVEL, townOfficer)).rows());
            List<List<StatisticsTable.Row>> kept = all.get();
            new StatisticsBackfill(p.db().database(), WorkingDayCalendar.shipped(), clock).rebuild();
            assertThat(all.get()).isEqualTo(kept);
            assertThat(kept.get(1)).extracting(StatisticsTable.Row::key).contains("三资管理", "惠民政策");

            Diligence diligence = p.statistics().diligence(TOWN, YearMonth.of(2026, 4), Optional.empty());
            Diligence.Village dongling = diligence.villages().stream().filter(v -> v.code().equals(DONGLING)).findFirst().orElseThrow();
            assertThat(dongling.tickets()).isEqualTo(4);
            assertThat(dongling.parts().get(DiligencePart.TIMELINESS).getAsDouble()).isCloseTo(0.5, within(1e-9)); // a, c of 4
            assertThat(dongling.parts().get(DiligencePart.CLOSURE).getAsDouble()).isCloseTo(0.75, within(1e-9));
            assertThat(dongling.parts().get(DiligencePart.SATISFACTION).getAsDouble()).isCloseTo(2.0 / 3, within(1e-9));
            assertThat(dongling.parts().get(DiligencePart.URGING).getAsDouble()).isCloseTo(0.75, within(1e-9));
            assertThat(dongling.parts().get(DiligencePart.REOPENING).getAsDouble()).isCloseTo(0.75, within(1e-9));
            assertThat(dongling.parts().get(DiligencePart.WARNINGS).getAsDouble()).isCloseTo(1.0, within(1e-9));
            // (25·0.5 + 20·0.75 + 20·2/3 + 10·0.75 + 10·0.75 + 15·1) / 100; clues weigh 0 by default.
            assertThat(dongling.index()).isEqualTo((int) Math.round(25 * 0.5 + 20 * 0.75 + 20 * 2.0 / 3 + 10 * 0.75 + 10 * 0.75 + 15));
            assertThat(e).isPositive();

            // The clue part, in the discipline office's view only: two matters about 东岭村 in April (a clue from ticket a
            // and another from the same ticket are one matter, a clue linked to it too), none about 上洋村.
            ClueLibrary library = new ClueLibrary(p.db().database(), FlaggedMessages.NONE, clock);
            at("2026-04-30T06:00:00Z");
            long fromA = clueId(library.create(office, ClueOrigin.ticket(a), "路灯维修款去向", ClueValue.MEDIUM));
            clueId(library.create(office, ClueOrigin.ticket(a), "路灯问题拖延", ClueValue.LOW));
            long fromB = clueId(library.create(office, ClueOrigin.ticket(b), "低保评定优亲厚友", ClueValue.HIGH));
            long fromC = clueId(library.create(office, ClueOrigin.ticket(c), "宅基地纠纷处置", ClueValue.LOW));
            assertThat(library.link(office, fromC, fromA, Optional.of("同一村干部"))).isInstanceOf(ClueOutcome.Done.class);
            at("2026-05-12T06:00:00Z");
            clueId(library.create(office, ClueOrigin.ticket(d), "五月的线索", ClueValue.LOW)); // May's: not April's
            Statistics withClues = new Statistics(p.db().database(), new VillageClueCounts(p.db().database()), DiligenceWeights.defaults());
            Diligence.Village seen = withClues.diligence(TOWN, YearMonth.of(2026, 4), AccessPolicy.confidentialCountedFor(office)).villages()
                    .stream().filter(v -> v.code().equals(DONGLING)).findFirst().orElseThrow();
            assertThat(seen.parts().get(DiligencePart.CLUES).getAsDouble()).as("2 matters over 4 tickets").isCloseTo(0.5, within(1e-9));
            assertThat(seen.index()).isEqualTo((int) Math.round((25 * 0.5 + 20 * 0.75 + 20 * 2.0 / 3 + 10 * 0.75 + 10 * 0.75 + 15 + 10 * 0.5) / 110 * 100));
            assertThat(withClues.diligence(TOWN, YearMonth.of(2026, 4), AccessPolicy.confidentialCountedFor(office)).villages().stream()
                    .filter(v -> v.code().equals(SHANGYANG)).findFirst().orElseThrow().parts().get(DiligencePart.CLUES).getAsDouble()).isEqualTo(1.0);
            Diligence.Village townSees = withClues.diligence(TOWN, YearMonth.of(2026, 4), Optional.empty()).villages().stream()
                    .filter(v -> v.code().equals(DONGLING)).findFirst().orElseThrow();
            assertThat(townSees.parts().get(DiligencePart.CLUES)).as("a town officer does not know the clues").isEmpty();
            assertThat(townSees.index()).isEqualTo(dongling.index());
            assertThat(new VillageClueCounts(p.db().database()).perVillage(TOWN, FROM, TO, "359901101"))
                    .as("another town's office does not know this town office's clues").isEmpty();
            assertThat(new VillageClueCounts(p.db().database()).perVillage(TOWN, FROM, TO, "359901"))
                    .as("the county office above it does").containsOnly(Map.entry(DONGLING, 3));
            assertThat(new VillageClueCounts(p.db().database()).perVillage(TOWN, FROM, TO, TOWN))
                    .containsOnly(Map.entry(DONGLING, 3));
            assertThat(fromB).isPositive();
        }
    }

    private static long clueId(ClueOutcome outcome) {
        assertThat(outcome).as("%s", outcome).isInstanceOf(ClueOutcome.Done.class);
        return ((ClueOutcome.Done) outcome).clue().clue().id();
    }

    /** Each roll-up row is the sum of its days' rows, group by group, for every grouping it serves. */
    private static void assertRollUpsSumTheDays(Parts p) {
        for (TallyTable table : List.of(TallyTable.VILLAGE_MONTH, TallyTable.COUNTY_MONTH)) {
            for (Grouping by : Grouping.values()) {
                if (TallyTable.forMonths(by, "35") != table) {
                    continue;
                }
                for (String office : java.util.Arrays.asList(null, TOWN)) {
                    List<TallyMapper.GroupSum> months = p.db().database().read(s -> s.getMapper(TallyMapper.class).sums(by.sql(table),
                            table.table(), table.periodColumn(), table.areaColumn(), "35", "2026-01", "2026-12", office));
                    List<TallyMapper.GroupSum> days = p.db().database().read(s -> s.getMapper(TallyMapper.class).sums(by.sql(TallyTable.DAY),
                            "ticket_tally", "reg_day", "village_code", "35", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), office));
                    assertThat(months).as("%s by %s", table, by).isEqualTo(days).isNotEmpty();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void similarComplaintsFromThreeVillagesAreACommonProblemAndFromTwoAreNot(String database) {
        try (Parts p = open(database)) {
            report(p, villager(111, DONGLING), "村里垃圾堆在路边没人清理，臭气熏天");
            report(p, villager(112, SHANGYANG), "垃圾堆在路边没人清理，臭气熏天，苍蝇很多");
            report(p, villager(113, NANSHAN), "路边垃圾堆没人清理，臭气熏天");
            report(p, villager(114, DONGLING), "村干部吃拿卡要，办事要好处费");
            report(p, villager(115, XIKENG), "干部吃拿卡要，办事要好处费");
            done(p.desk().execute(new DeskCommand.RegisterConfidential(XIKENG, 116, "村里垃圾堆在路边没人清理，臭气熏天", TOWN),
                    villager(116, XIKENG), Via.MINIAPP));
            Actor countyOfficer = new Actor(302, "县干部", Role.COUNTY_OFFICER, "359901");
            assertThat(p.statistics().table(query("359901", Grouping.TOWN, countyOfficer)).commonProblems())
                    .as("found by the job, not by the request").isEmpty();
            CommonProblemsJob job = new CommonProblemsJob(p.db().database());
            assertThat(job.runUntilDone()).as("one county-month was marked").isEqualTo(1);
            assertThat(job.runOnce()).as("and is no longer").isZero();
            StatisticsTable county = p.statistics().table(query("359901", Grouping.TOWN, new Actor(302, "县干部", Role.COUNTY_OFFICER, "359901")));
            assertThat(county.commonProblems()).hasSize(1);
            CommonProblems.Problem problem = county.commonProblems().get(0);
            assertThat(problem.villageCodes()).as("the real-name report from 西坑村 is in no common problem")
                    .containsExactly(DONGLING, SHANGYANG, NANSHAN);
            assertThat(problem.tickets()).isEqualTo(3);
            assertThat(problem.words()).contains("垃圾堆", "清理", "臭气熏天");
            assertThat(problem.category()).isEqualTo("环境卫生");
            StatisticsTable town = p.statistics().table(query(TOWN, Grouping.TOWN, townOfficer));
            assertThat(town.commonProblems()).as("南山村 is another town's: two villages are not a common problem").isEmpty();

            // May: 吃拿卡要 from a third village makes it common in May; April and May together list both problems.
            at("2026-05-12T02:00:00Z");
            report(p, villager(117, SHANGYANG), "村干部吃拿卡要，办事还要好处费");
            report(p, villager(118, DONGLING), "村干部吃拿卡要，办事要好处费");
            report(p, villager(119, XIKENG), "干部吃拿卡要办事要好处费");
            report(p, villager(120, NANSHAN), "垃圾堆在路边没人清理，臭气熏天");
            report(p, villager(121, XIKENG), "路边垃圾堆没人清理，臭气熏天");
            report(p, villager(122, SHANGYANG), "垃圾堆在路边没人清理，臭气熏天");
            report(p, villager(123, DONGLING), "村里路边垃圾堆没人清理，臭气熏天");
            assertThat(job.runUntilDone()).isEqualTo(1);
            List<CommonProblems.Problem> both = p.statistics().table(query("359901", Grouping.TOWN, countyOfficer)).commonProblems();
            assertThat(both).extracting(CommonProblems.Problem::category).containsExactly("环境卫生", "干部作风");
            assertThat(both.get(0).villageCodes()).as("April's three villages and May's four, one problem")
                    .containsExactly(DONGLING, SHANGYANG, XIKENG, NANSHAN);
            assertThat(both.get(0).tickets()).isEqualTo(7);
            assertThat(both.get(1).villageCodes()).containsExactly(DONGLING, SHANGYANG, XIKENG);
            assertThat(p.statistics().table(new StatisticsQuery("359901", LocalDate.parse("2026-05-01"), TO, Grouping.TOWN, Optional.empty()))
                    .commonProblems()).extracting(CommonProblems.Problem::tickets).as("May alone").containsExactly(4, 3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aCategoryCorrectionMarksItsCountyMonthAndTheJobStoresTheProblemUnderTheNewCategory(String database) {
        try (Parts p = open(database)) {
            long dongling = report(p, villager(131, DONGLING), "村里垃圾堆在路边没人清理，臭气熏天");
            long shangyang = report(p, villager(132, SHANGYANG), "垃圾堆在路边没人清理，臭气熏天，苍蝇很多");
            long nanshan = report(p, villager(133, NANSHAN), "路边垃圾堆没人清理，臭气熏天");
            CommonProblemsJob job = new CommonProblemsJob(p.db().database());
            assertThat(job.runUntilDone()).isEqualTo(1);
            Actor countyOfficer = new Actor(302, "县干部", Role.COUNTY_OFFICER, "359901");
            assertThat(p.statistics().table(query("359901", Grouping.TOWN, countyOfficer)).commonProblems())
                    .extracting(CommonProblems.Problem::category).containsExactly("环境卫生");

            // Each village's cadre corrects its own ticket (village level: theirs to correct), in chat or in the console.
            Actor nanshanCadre = new Actor(203, "南山村干部", Role.VILLAGE_CADRE, NANSHAN);
            done(p.desk().execute(new DeskCommand.Categorise(dongling, "基础设施"), cadre, Via.BRIDGE));
            done(p.desk().execute(new DeskCommand.Categorise(shangyang, "基础设施"), shangyangCadre, Via.CONSOLE));
            done(p.desk().execute(new DeskCommand.Categorise(nanshan, "基础设施"), nanshanCadre, Via.CONSOLE));
            List<CommonProblemsMapper.Stale> marked = staleMarks(p);
            assertThat(marked).extracting(CommonProblemsMapper.Stale::month, CommonProblemsMapper.Stale::countyCode)
                    .as("the corrections marked their county-month, once per correction").containsExactly(tuple("2026-04", "359901"));
            assertThat(marked.get(0).marked()).isEqualTo(3);

            assertThat(job.runUntilDone()).as("the mark is consumed").isEqualTo(1);
            assertThat(staleMarks(p)).isEmpty();
            List<CommonProblems.Problem> problems = p.statistics().table(query("359901", Grouping.TOWN, countyOfficer)).commonProblems();
            assertThat(problems).extracting(CommonProblems.Problem::category).containsExactly("基础设施");
            assertThat(problems.get(0).villageCodes()).containsExactly(DONGLING, SHANGYANG, NANSHAN);
            Map<String, Long> byCategory = p.statistics().table(query("359901", Grouping.CATEGORY, countyOfficer)).rows().stream()
                    .collect(Collectors.toMap(StatisticsTable.Row::key, r -> r.counts().registered()));
            assertThat(byCategory).as("the roll-ups moved with the corrections").containsOnly(Map.entry("基础设施", 3L));
        }
    }

    /** The county-months marked for the common-problems job, as stored. */
    private static List<CommonProblemsMapper.Stale> staleMarks(Parts p) {
        return p.db().database().read(s -> s.getMapper(CommonProblemsMapper.class).stale(10));
    }
}
