package org.jianqun.gateway.groupsend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.content.ContentVerdictByOfficer;
import org.jianqun.core.content.HeldContent;
import org.jianqun.core.content.HeldRef;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.Via;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.gateway.wecom.WecomApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DIGEST_PERIODS as plain dates, and the digests a village's external groups get after each period. */
class VillageDigestsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-03T02:00:00Z"));
    private TestDatabase db;
    private TicketDesk desk;
    private GroupSendTasks tasks;

    @Test
    void aMonthIsCutIntoThreePeriodsDueTheNextMorning() {
        assertThat(DigestPeriod.containing(LocalDate.of(2026, 2, 25))).isEqualTo(new DigestPeriod(LocalDate.of(2026, 2, 21), LocalDate.of(2026, 2, 28)));
        assertThat(DigestPeriod.containing(LocalDate.of(2026, 11, 10))).isEqualTo(new DigestPeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 10)));
        assertThat(DigestPeriod.containing(LocalDate.of(2026, 11, 11)).label()).isEqualTo("11月11日—11月20日");
        // 09:00 on the 11th, China time, is 01:00 UTC: just before, the last period due is October's last.
        assertThat(DigestPeriod.latestDue(Instant.parse("2026-11-11T00:59:59Z")).label()).isEqualTo("10月21日—10月31日");
        assertThat(DigestPeriod.latestDue(Instant.parse("2026-11-11T01:00:00Z")).label()).isEqualTo("11月1日—11月10日");
        assertThat(DigestPeriod.latestDue(Instant.parse("2027-01-01T03:00:00Z")).label()).isEqualTo("12月21日—12月31日");
    }

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        OrganisationImporter importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        importer.importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name",
                "wecom,wrDongling,359901100201,东岭村村民群",
                "wecom,wrShangyang,359901100202,上洋村村民群",
                "bridge,g-201-1,359901100201,东岭村监督群"), null);
        importer.importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "王大爷,villager,359901100201,wecom,wmWang,,",
                "陈主任,village_cadre,359901100201,wecom,chen,,"), null);
        desk = new TicketDesk(db.database(), WorkingDayCalendar.shipped(), clock);
        // Enqueueing calls nothing at WeCom: a closed port stands for it.
        tasks = new GroupSendTasks(db.database(), WecomApiClient.service(WecomApiClient.settings("wwcorp", "secret", Optional.empty(),
                URI.create("http://127.0.0.1:9"))).getExternalContactService(), clock,
                org.jianqun.core.config.GroupSendLimit.monthDays());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Actor actor(String channelUserId) {
        Person p = db.database().read(s -> s.getMapper(PersonMapper.class).findByChannelUser(Channel.WECOM, channelUserId));
        return new Actor(p.id(), p.name(), p.role(), p.scopeCode());
    }

    private long report(String text) {
        Actor wang = actor("wmWang");
        DeskResult result = desk.execute(new DeskCommand.Register("359901100201", wang.personId(), text, "wrDongling"), wang, Via.WECOM);
        return ((DeskResult.Done) result).ticket().no();
    }

    private List<String> taskTexts() {
        List<String> out = new ArrayList<>();
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT chat_id, purpose, status, text FROM wecom_group_send ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void eachExternalGroupOfAVillageWithNewsGetsOneDigestAfterThePeriod() {
        long lamp = report("村口路灯坏了三个月，晚上出门很不方便，老人摔过两次");
        long ditch = report("水渠堵了");
        Actor wang = actor("wmWang");
        long secret = ((DeskResult.Done) desk.execute(new DeskCommand.RegisterConfidential("359901100201", wang.personId(),
                "实名举报：村主任虚报补贴", "359901100"), wang, Via.MINIAPP)).ticket().no();
        assertThat(desk.execute(new DeskCommand.Claim(lamp), actor("chen"), Via.WECOM)).isInstanceOf(DeskResult.Done.class);
        assertThat(desk.execute(new DeskCommand.Resolve(lamp, "已更换路灯"), actor("chen"), Via.WECOM)).isInstanceOf(DeskResult.Done.class);

        clock.advance(java.time.Duration.between(clock.instant(), Instant.parse("2026-11-11T00:30:00Z")));
        VillageDigests digests = new VillageDigests(db.database(), tasks, clock);
        assertThat(digests.enqueueDue()).as("October's last period had nothing").isZero();
        assertThat(taskTexts()).isEmpty();

        clock.advance(java.time.Duration.between(clock.instant(), Instant.parse("2026-11-11T01:00:00Z")));
        assertThat(digests.enqueueDue()).isEqualTo(1);
        assertThat(taskTexts()).singleElement().asString()
                .startsWith("wrDongling DIGEST QUEUED 【东岭村工单简报 11月1日—11月10日】\n本期新反映 2 件，办结 1 件，结案 0 件；目前在办 1 件。\n")
                .contains("#" + lamp + " 村口路灯坏了三个月，晚上出门很不方便，老人摔过两… —— 已办结、待评价\n")
                .contains("#" + ditch + " 水渠堵了 —— 村级待认领\n")
                .endsWith("查询进度请在群里发「进度 #工单号」。")
                .doesNotContain("王大爷")
                .as("a confidential report is not in a group's digest, nor counted").doesNotContain("#" + secret + " ", "虚报");

        assertThat(digests.enqueueDue()).as("once per period").isZero();
        assertThat(new VillageDigests(db.database(), tasks, clock).enqueueDue()).as("a restart or a second instance adds none").isZero();
        assertThat(taskTexts()).hasSize(1);
    }

    /** Issue 12 item 5: a mini-program report's words reach a group only once WeChat's content check passed them. */
    @Test
    void wordsFromTheMiniProgramWaitForTheContentCheck() {
        Actor wang = actor("wmWang");
        long[] nos = new long[6];
        String[] verdicts = {"PENDING", "RISKY", "REVIEW", "PASS", "REVIEW", "REVIEW"};
        for (int i = 0; i < 6; i++) {
            nos[i] = ((DeskResult.Done) desk.execute(new DeskCommand.Register("359901100201", wang.personId(), "小程序反映第" + i + "件：村道塌方",
                    null), wang, Via.MINIAPP)).ticket().no();
            long no = nos[i];
            String verdict = verdicts[i];
            db.database().inTransaction(s -> {
                try (var st = s.getConnection().prepareStatement(
                        "INSERT INTO content_check (ticket_no, verdict, checked_at, attempts, created_at) VALUES (?, ?, NULL, 0, ?)")) {
                    st.setLong(1, no);
                    st.setString(2, verdict);
                    st.setTimestamp(3, java.sql.Timestamp.valueOf("2026-11-02 00:00:00"));
                    st.executeUpdate();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        }
        // A discipline officer's verdicts on two of the REVIEW ones: released words show, refused ones never do.
        HeldContent held = new HeldContent(db.database(), clock);
        Actor officer = new Actor(900, "东岭镇纪委", Role.DISCIPLINE_OFFICER, "359901100");
        assertThat(held.decide(officer, new HeldRef.Report(nos[4]), ContentVerdictByOfficer.RELEASE, "反映属实，无不当言论"))
                .isInstanceOf(HeldContent.Outcome.Decided.class);
        assertThat(held.decide(officer, new HeldRef.Report(nos[5]), ContentVerdictByOfficer.REFUSE, "含他人隐私"))
                .isInstanceOf(HeldContent.Outcome.Decided.class);
        long chat = report("水渠堵了");
        clock.advance(java.time.Duration.between(clock.instant(), Instant.parse("2026-11-11T01:00:00Z")));
        assertThat(new VillageDigests(db.database(), tasks, clock).enqueueDue()).isEqualTo(1);
        String digest = taskTexts().get(0);
        assertThat(digest).contains("#" + nos[3] + " 小程序反映第3件：村道塌方", "#" + chat + " 水渠堵了")
                .contains("#" + nos[4] + " 小程序反映第4件：村道塌方")
                .doesNotContain("第0件", "第1件", "第2件", "第5件")
                .contains("#" + nos[0] + " （小程序反映，内容审核后显示）", "#" + nos[1] + " （小程序反映，内容审核后显示）",
                        "#" + nos[5] + " （小程序反映，内容审核后显示）");
    }
}
