package org.jianqun.gateway.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jianqun.gateway.inbox.InboxStatus;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.inbox.InboundMessage;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.inbox.InboxMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Group messages through the inbox into tickets and replies, on a real database (MariaDB in CI). */
class MessageProcessorTest {
    private static final String GROUP = "g-201-1";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private TestDatabase db;
    private Inbox inbox;
    private MessageProcessor processor;
    private int sequence;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        OrganisationImporter importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        assertThat(importer.importCsv(ImportKind.REGIONS, csv(REGIONS), null)).isInstanceOf(ImportOutcome.Applied.class);
        assertThat(importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name", "bridge," + GROUP + ",359901100201,东岭村监督群"), null))
                .isInstanceOf(ImportOutcome.Applied.class);
        assertThat(importer.importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "东岭村干部,village_cadre,359901100201,bridge,cadre-201,,"), null)).isInstanceOf(ImportOutcome.Applied.class);
        inbox = new Inbox(db.database(), clock);
        processor = new MessageProcessor(db.database(), new TicketDesk(db.database(), WorkingDayCalendar.shipped(), clock), new TicketQueries(db.database(), WorkingDayCalendar.shipped(), clock),
                new MessageFlagger(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String say(String sender, String name, String text) {
        return say(GROUP, sender, name, text);
    }

    private String say(String group, String sender, String name, String text) {
        String id = "m-" + (++sequence);
        assertThat(inbox.store(new InboundMessage(Channel.BRIDGE, id, group, sender, name, InboundMessage.Kind.TEXT, text, null, null,
                false, clock.instant()))).isTrue();
        return id;
    }

    private InboxMapper.Stored stored(String id) {
        return db.database().read(s -> s.getMapper(InboxMapper.class).find("BRIDGE", id));
    }

    private String outcome(String messageId) {
        try (var c = db.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT outcome FROM inbox_message WHERE channel = 'BRIDGE' AND message_id = ?")) {
            ps.setString(1, messageId);
            var rs = ps.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> outboxTexts(Audience audience) {
        try (var c = db.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT text FROM outbox WHERE audience = ? ORDER BY id")) {
            ps.setString(1, audience.name());
            var rs = ps.executeQuery();
            List<String> texts = new java.util.ArrayList<>();
            while (rs.next()) {
                texts.add(rs.getString(1));
            }
            return texts;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private TicketRow onlyTicket() {
        List<TicketRow> rows = db.database().read(s -> s.getMapper(TicketMapper.class).page("", null, null, null, null, 10));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void helpListsTheCommandsThisSenderMayUseInThisGroupAndNoOthers() {
        OrganisationImporter importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose", "bridge,g-town,359901100,东岭镇干部工作群,officers"), null);
        importer.importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "东岭镇干部,town_officer,359901100,bridge,officer-100,,"), null);
        say("wx-v1", "村民甲", "？");
        processor.processWaiting(10);
        String villager = outboxTexts(Audience.GROUP).get(0);
        assertThat(villager).contains("#反映 内容", "进度 #工单号", "催办 #工单号", "评价 #工单号", "例如").doesNotContain("认领", "办结", "登记", "定级");

        say("cadre-201", "东岭村干部", "#帮助");
        processor.processWaiting(10);
        assertThat(outboxTexts(Audience.GROUP).get(1)).contains("认领 #工单号", "办结 #工单号", "上报 #工单号", "登记 消息编号");

        say("g-town", "officer-100", "东岭镇干部", "菜单");
        processor.processWaiting(10);
        assertThat(outboxTexts(Audience.GROUP).get(2)).as("a work group takes no reports").contains("认领 #工单号").doesNotContain("#反映", "登记");

        say("wx-v1", "村民甲", "#查询 12");
        processor.processWaiting(10);
        assertThat(outboxTexts(Audience.GROUP).get(3)).startsWith("@村民甲 没有「查询」这个指令。您在本群可用的指令：").doesNotContain("认领");
    }

    @Test
    void onNewYearsEveTheVillagerIsAnsweredInChineseWithAProvisionalDeadline() {
        // Thu 2026-12-31 10:00: 2027's notice is not published, so the claim deadline counts the weekend rule alone.
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-12-31T02:00:00Z")));
        say("wx-v1", "村民甲", "#反映 村口路灯坏了");
        processor.processWaiting(10);
        long no = onlyTicket().no();
        say("wx-v1", "村民甲", "进度 #" + no);
        processor.processWaiting(10);
        List<String> replies = outboxTexts(Audience.GROUP);
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0)).startsWith("已登记工单 #" + no + "（").contains("），由村级办理，认领期限 2027-01-01 24:00（暂定");
        assertThat(replies.get(1)).contains("认领期限 2027-01-01 24:00（暂定");
        // Not a word of English or of the developer's: no "no holiday data", no file names.
        assertThat(replies).allSatisfy(t -> assertThat(t).doesNotContainPattern("[A-Za-z]"));
    }

    @Test
    void officersWorkEscalatedTicketsFromTheirOwnGroupWhereNobodyReports() {
        OrganisationImporter importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        assertThat(importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose",
                "bridge,g-town,359901100,东岭镇干部工作群,officers"), null)).isInstanceOf(ImportOutcome.Applied.class);
        assertThat(importer.importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "东岭镇干部,town_officer,359901100,bridge,officer-100,,"), null)).isInstanceOf(ImportOutcome.Applied.class);
        say("wx-v1", "村民甲", "#反映 村口路灯坏了三个月");
        processor.processWaiting(10);
        long no = onlyTicket().no();
        say("cadre-201", "东岭村干部", "上报 #" + no + " 需镇里协调电力公司");
        processor.processWaiting(10);
        assertThat(onlyTicket().level().wireName()).isEqualTo("town");

        String claim = say("g-town", "officer-100", "东岭镇干部", "认领 #" + no);
        String report = say("g-town", "officer-100", "东岭镇干部", "#反映 镇里的事");
        String stranger = say("g-town", "wx-stranger", "路人", "进度 #" + no);
        String chatter = say("g-town", "officer-100", "东岭镇干部", "收到，下午去现场");
        String unknown = say("g-town", "officer-100", "东岭镇干部", "#查冒领补贴的事");
        processor.processWaiting(10);

        assertThat(onlyTicket().state()).isEqualTo(TicketState.CLAIMED);
        assertThat(onlyTicket().handlerName()).isEqualTo("东岭镇干部");
        assertThat(stored(claim).ticketNo()).isEqualTo(no);
        assertThat(outcome(report)).isEqualTo("工作群不受理反映");
        assertThat(outcome(stranger)).isEqualTo("未登记人员的指令未执行");
        assertThat(stored(chatter).status()).isEqualTo(InboxStatus.PROCESSED);
        assertThat(stored(chatter).flagged()).isFalse();
        assertThat(stored(unknown).flagged()).as("a work group's talk is not patrolled, # or not").isFalse();
        assertThat(db.database().<org.jianqun.core.organisation.Person>read(s -> s.getMapper(PersonMapper.class).findByChannelUser(Channel.BRIDGE, "wx-stranger")))
                .as("a stranger in a work group is not taken for a villager").isNull();
        assertThat(outboxTexts(Audience.GROUP)).anySatisfy(t -> assertThat(t).contains("@东岭镇干部", "本群是工作群，不受理反映"))
                .anySatisfy(t -> assertThat(t).contains("@路人", "不在平台的人员名单中"));
        assertThat(onlyTicket().level().wireName()).isEqualTo("town");
    }

    @Test
    void aCadreCorrectsTheCategoryWithFenleiAndAVillagerCannot() {
        say("wx-v1", "村民甲", "#反映 村口路灯坏了三个月");
        processor.processWaiting(10);
        long no = onlyTicket().no();
        assertThat(onlyTicket().category()).as("guessed from 路灯").isEqualTo("基础设施");
        assertThat(outboxTexts(Audience.GROUP)).last().asString().contains("已登记工单 #" + no + "（基础设施）");
        say("wx-v1", "村民甲", "分类 #" + no + " 其他");
        say("cadre-201", "东岭村干部", "分类 #" + no + " 水利");
        say("cadre-201", "东岭村干部", "分类 #" + no + " 环境卫生");
        processor.processWaiting(10);
        assertThat(onlyTicket().category()).isEqualTo("环境卫生");
        List<String> replies = outboxTexts(Audience.GROUP);
        assertThat(replies.subList(replies.size() - 3, replies.size())).satisfiesExactly(
                villager -> assertThat(villager).contains("不能分类工单 #" + no, "群众无权办理工单"),
                unknown -> assertThat(unknown).contains("未知的类别「水利」", "基础设施、环境卫生"),
                corrected -> assertThat(corrected).contains("工单 #" + no + " 的类别已更正为「环境卫生」"));
        try (var c = db.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT type, outcome FROM audit_event WHERE type LIKE 'CATEGORIS%' ORDER BY id")) {
            var rs = ps.executeQuery();
            List<String> audited = new java.util.ArrayList<>();
            while (rs.next()) {
                audited.add(rs.getString(1) + "/" + rs.getString(2));
            }
            assertThat(audited).as("the refusals and the correction, each audited").containsExactly("CATEGORISE/refused", "CATEGORISE/refused", "CATEGORISED/accepted");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aVillagersReportIsWorkedToTheEndFromTheChat() {
        String report = say("wx-v1", "村民甲", "#反映 村口路灯坏了三个月");
        processor.processWaiting(10);
        TicketRow ticket = onlyTicket();
        long no = ticket.no();
        assertThat(ticket.content()).isEqualTo("村口路灯坏了三个月");
        assertThat(stored(report).status()).isEqualTo(InboxStatus.PROCESSED);
        assertThat(stored(report).ticketNo()).isEqualTo(no);
        assertThat(outboxTexts(Audience.GROUP)).last().asString().contains("已登记工单 #" + no, "认领期限 2026-03-03 24:00");
        assertThat(db.database().read(s -> s.getMapper(PersonMapper.class).findByChannelUser(Channel.BRIDGE, "wx-v1")).name())
                .as("an unknown sender becomes a villager of the group's village").isEqualTo("村民甲");

        say("cadre-201", "东岭村干部", "认领 #" + no);
        say("cadre-201", "东岭村干部", "办结 #" + no + " 已更换路灯");
        processor.processWaiting(10);
        assertThat(onlyTicket().state()).isEqualTo(TicketState.RESOLVED);
        say("wx-v2", "村民乙", "评价 #" + no + " 满意");
        say("wx-v1", "村民甲", "评价 #" + no + " 满意");
        processor.processWaiting(10);
        assertThat(onlyTicket().state()).isEqualTo(TicketState.CLOSED);
        assertThat(outboxTexts(Audience.GROUP)).anySatisfy(t -> assertThat(t).contains("@村民乙", "只有反映人可以评价"))
                .anySatisfy(t -> assertThat(t).contains("已结案"));
    }

    @Test
    void everyOtherKindOfMessageGetsItsAnswer() {
        say("wx-v1", "村民甲", "#反映 低保评定不公开");
        processor.processWaiting(10);
        long no = onlyTicket().no();
        say("wx-v1", "村民甲", "进度 #" + no);
        say("wx-v1", "村民甲", "催办 " + no);
        say("wx-v1", "村民甲", "认领 #" + no);
        say("wx-v1", "村民甲", "#查询 " + no);
        say("wx-v1", "村民甲", "办结");
        say("wx-v1", "村民甲", "进度 #99999");
        processor.processWaiting(10);
        List<String> replies = outboxTexts(Audience.GROUP);
        assertThat(replies).anySatisfy(t -> assertThat(t).contains("工单 #" + no + "：待认领，村级", "认领期限"))
                .anySatisfy(t -> assertThat(t).contains("已催办 #" + no + "（第 1 次）"))
                .anySatisfy(t -> assertThat(t).contains("不能认领"))
                .anySatisfy(t -> assertThat(t).contains("没有「查询」这个指令"))
                .anySatisfy(t -> assertThat(t).contains("请写工单号"))
                .anySatisfy(t -> assertThat(t).contains("没有找到工单 #99999"));
        assertThat(outboxTexts(Audience.LEVEL)).anySatisfy(t -> assertThat(t).contains("被催办"));
    }

    @Test
    void aCommandWithAnotherVillagesTicketIsRefusedWithoutSayingWhatItIs() {
        assertThat(db.database().<Object>read(s -> {
            s.getMapper(org.jianqun.core.persistence.GroupMapper.class).insert(new org.jianqun.core.organisation.ChatGroup(null,
                    Channel.BRIDGE, "g-202-1", "359901100202", "上洋村监督群", org.jianqun.core.organisation.GroupPurpose.VILLAGERS, null),
                    clock.instant());
            return null;
        })).isNull();
        say("g-202-1", "wx-other", "上洋村村民", "#反映 上洋村低保名单有问题");
        processor.processWaiting(10);
        long no = onlyTicket().no();
        int before = outboxTexts(Audience.GROUP).size();
        say("cadre-201", "东岭村干部", "认领 #" + no);
        say("wx-v1", "村民甲", "进度 #" + no);
        say("wx-v1", "村民甲", "催办 #" + no);
        processor.processWaiting(10);
        List<String> replies = outboxTexts(Audience.GROUP);
        assertThat(replies.subList(before, replies.size())).hasSize(3)
                .allSatisfy(t -> assertThat(t).doesNotContain("低保"))
                .anySatisfy(t -> assertThat(t).contains("@东岭村干部"))
                .filteredOn(t -> t.contains("@村民甲")).hasSize(2);
        assertThat(onlyTicket().state()).isEqualTo(TicketState.OPEN);
        assertThat(onlyTicket().urged()).isZero();
    }

    @Test
    void talkIsArchivedAndCorruptionFlaggedForPatrol() {
        String talk = say("wx-v1", "村民甲", "今天村委会开会");
        String lead = say("wx-v2", "村民乙", "听说有人冒领补贴，优亲厚友");
        processor.processWaiting(10);
        assertThat(stored(talk).status()).isEqualTo(InboxStatus.PROCESSED);
        assertThat(stored(talk).flagged()).isFalse();
        assertThat(stored(lead).flagged()).isTrue();
        assertThat(outboxTexts(Audience.GROUP)).as("talk is never answered").isEmpty();

        clock.advance(Duration.ofMinutes(5));
        say("cadre-201", "东岭村干部", "登记 " + lead);
        processor.processWaiting(10);
        TicketRow ticket = onlyTicket();
        assertThat(ticket.content()).isEqualTo("听说有人冒领补贴，优亲厚友");
        Long author = db.database().read(s -> s.getMapper(PersonMapper.class).findByChannelUser(Channel.BRIDGE, "wx-v2")).id();
        assertThat(ticket.complainantId()).as("registered for its author").isEqualTo(author);
    }

    @Test
    void longTextIsAnsweredAndItsOutcomeClippedToTheColumn() {
        String unknown = say("wx-v1", "村民甲", "#" + "低保名单".repeat(260));
        processor.processWaiting(10);
        assertThat(stored(unknown).status()).isEqualTo(InboxStatus.PROCESSED);
        assertThat(outboxTexts(Audience.GROUP)).singleElement().asString().contains("没有「低保名单低保名单低保…」这个指令");
        assertThat(outcome(unknown).codePointCount(0, outcome(unknown).length())).isLessThanOrEqualTo(1000);

        say("wx-v1", "村民甲", "#反映 村口路灯坏了");
        say("wx-v2", "村民乙", "#反映 水渠堵了");
        processor.processWaiting(10);
        List<TicketRow> tickets = db.database().read(s -> s.getMapper(TicketMapper.class).page("", null, null, null, null, 10));
        long first = tickets.get(0).no();
        long second = tickets.get(1).no();
        say("cadre-201", "东岭村干部", "认领 #" + first);
        say("cadre-201", "东岭村干部", "认领 #" + second);
        String resolve = say("cadre-201", "东岭村干部", "办结 #" + first + " " + "已更换路灯".repeat(200));
        String escalate = say("cadre-201", "东岭村干部", "上报 #" + second + " " + "需镇里协调电力公司".repeat(111));
        String register = say("cadre-201", "东岭村干部", "登记 " + "m".repeat(1200));
        processor.processWaiting(10);
        for (String id : List.of(resolve, escalate, register)) {
            assertThat(stored(id).status()).as(id).isEqualTo(InboxStatus.PROCESSED);
            assertThat(outcome(id).codePointCount(0, outcome(id).length())).as(id).isLessThanOrEqualTo(1000);
        }
        assertThat(stored(resolve).ticketNo()).isEqualTo(first);
        assertThat(stored(escalate).ticketNo()).isEqualTo(second);
        assertThat(outboxTexts(Audience.GROUP)).last().asString().contains("本群没有编号为").hasSizeLessThan(200);
    }

    @Test
    void anUnknownHashedWordIsFlaggedLikeTalkAndNotEchoedWhole() {
        String accusation = say("wx-v1", "村民甲", "#举报村干部张三冒领低保补贴还优亲厚友");
        processor.processWaiting(10);
        assertThat(stored(accusation).flagged()).isTrue();
        assertThat(outboxTexts(Audience.GROUP)).singleElement().asString().contains("没有「举报村干部张三冒领低…」这个指令")
                .doesNotContain("优亲厚友");
    }

    @Test
    void aRowLockedElsewhereIsLeftForALaterPassNotFailed() throws Exception {
        say("wx-v1", "村民甲", "#反映 村口路灯坏了");
        processor.processWaiting(10);
        long no = onlyTicket().no();
        String claim = say("cadre-201", "东岭村干部", "认领 #" + no);
        // The same database, its connections giving up on a lock after a second (the server's default is 50 s).
        String url = db.settings().url();
        String impatientUrl = db.isMariaDb() ? url + (url.contains("?") ? "&" : "?") + "sessionVariables=innodb_lock_wait_timeout=1"
                : url + ";LOCK_TIMEOUT=1000";
        try (var impatient = org.jianqun.core.persistence.Database.open(
                new org.jianqun.core.config.JianqunConfig.DatabaseSettings(impatientUrl, db.settings().user(), db.settings().password()), 2, null,
                db.database().auditKey().orElseThrow());
             var holder = db.database().dataSource().getConnection()) {
            MessageProcessor waiting = new MessageProcessor(impatient, new TicketDesk(impatient, WorkingDayCalendar.shipped(), clock), new TicketQueries(impatient, WorkingDayCalendar.shipped(), clock),
                    new MessageFlagger(), clock);
            holder.setAutoCommit(false);
            try (var ps = holder.prepareStatement("SELECT no FROM ticket WHERE no = ? FOR UPDATE")) {
                ps.setLong(1, no);
                assertThat(ps.executeQuery().next()).isTrue();
            }
            assertThat(waiting.processWaiting(10)).as("nothing settled").isZero();
            assertThat(stored(claim).status()).as("kept for a later pass").isEqualTo(InboxStatus.RECEIVED);
            holder.rollback();
            assertThat(waiting.processWaiting(10)).isEqualTo(1);
        }
        assertThat(stored(claim).status()).isEqualTo(InboxStatus.PROCESSED);
        assertThat(onlyTicket().state()).isEqualTo(TicketState.CLAIMED);
    }

    @Test
    void aMessageIsRegisteredOnceOnlyAndOnlyByACadre() {
        OrganisationImporter importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        assertThat(importer.importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "东岭村报账员,bookkeeper,359901100201,bridge,bk-201,,", "上洋村干部,village_cadre,359901100202,bridge,cadre-202,,",
                "东岭镇干部,town_officer,359901100,bridge,officer-100,,"), null)).isInstanceOf(ImportOutcome.Applied.class);
        String report = say("wx-v1", "村民甲", "#反映 村口路灯坏了");
        String lead = say("wx-v2", "村民乙", "听说有人冒领补贴，优亲厚友");
        processor.processWaiting(10);
        long reported = onlyTicket().no();

        say("bk-201", "东岭村报账员", "登记 " + lead);
        say("cadre-202", "上洋村干部", "登记 " + lead);
        say("wx-v3", "村民丙", "登记 " + lead);
        processor.processWaiting(10);
        assertThat(outboxTexts(Audience.GROUP)).as("bookkeeper, another village's cadre, villager").hasSize(4)
                .noneSatisfy(t -> assertThat(t).contains("已登记工单 #" + (reported + 1)));
        assertThat(onlyTicket().no()).isEqualTo(reported);

        String first = say("officer-100", "东岭镇干部", "登记 " + lead);
        say("cadre-201", "东岭村干部", "登记 " + lead);
        say("cadre-201", "东岭村干部", "登记 " + report);
        processor.processWaiting(10);
        List<TicketRow> tickets = db.database().read(s -> s.getMapper(TicketMapper.class).page("", null, null, null, null, 10));
        assertThat(tickets).as("the report and the lead, once each").hasSize(2);
        long registered = stored(first).ticketNo();
        assertThat(stored(lead).ticketNo()).as("the original remembers its ticket").isEqualTo(registered);
        assertThat(outboxTexts(Audience.GROUP)).anySatisfy(t -> assertThat(t).contains("@东岭村干部", "已是工单 #" + registered))
                .anySatisfy(t -> assertThat(t).contains("@东岭村干部", "已是工单 #" + reported));
    }

    @Test
    void aVoiceMessageWithoutTranscriptAsksTheCadres() {
        assertThat(inbox.store(new InboundMessage(Channel.BRIDGE, "voice-1", GROUP, "wx-v1", "村民甲", InboundMessage.Kind.VOICE, null,
                new InboundMessage.Voice("https://bridge.example/v1.amr", 17, null), null, false, clock.instant()))).isTrue();
        processor.processWaiting(10);
        assertThat(outboxTexts(Audience.LEVEL)).singleElement().asString().contains("17 秒的语音", "登记 voice-1");
        assertThat(stored("voice-1").flagged()).isTrue();
    }

    @Test
    void aVillagerInTwoVillagesGroupsReportsInEither() {
        assertThat(db.database().<Object>read(s -> {
            s.getMapper(org.jianqun.core.persistence.GroupMapper.class).insert(new org.jianqun.core.organisation.ChatGroup(null,
                    Channel.BRIDGE, "g-202-1", "359901100202", "上洋村监督群", org.jianqun.core.organisation.GroupPurpose.VILLAGERS, null), clock.instant());
            return null;
        })).isNull();
        say("wx-v1", "村民甲", "#反映 东岭村的路灯");
        say("g-202-1", "wx-v1", "村民甲", "#反映 上洋村的水渠");
        processor.processWaiting(10);
        List<TicketRow> tickets = db.database().read(s -> s.getMapper(TicketMapper.class).page("", null, null, null, null, 10));
        assertThat(tickets).extracting(TicketRow::villageCode).containsExactlyInAnyOrder("359901100201", "359901100202");
    }

    @Test
    void messagesOfAnUnknownGroupAreKeptNotProcessed() {
        String id = say("g-unknown", "wx-v1", "村民甲", "#反映 这是哪个群");
        processor.processWaiting(10);
        assertThat(stored(id).status()).isEqualTo(InboxStatus.UNKNOWN_GROUP);
        assertThat(db.database().<Long>read(s -> s.getMapper(TicketMapper.class).count())).isZero();
    }

    @Test
    void twoProcessorsRacingMakeOneTicket() throws Exception {
        for (int i = 0; i < 20; i++) {
            say("wx-v" + i, "村民" + i, "#反映 第" + i + "件事：水渠堵了");
        }
        MessageProcessor other = new MessageProcessor(db.database(), new TicketDesk(db.database(), WorkingDayCalendar.shipped(), clock), new TicketQueries(db.database(), WorkingDayCalendar.shipped(), clock),
                new MessageFlagger(), clock);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> processor.processWaiting(100));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> other.processWaiting(100));
        a.get();
        b.get();
        assertThat(db.database().<Long>read(s -> s.getMapper(TicketMapper.class).count())).isEqualTo(20);
        assertThat(outboxTexts(Audience.GROUP)).hasSize(20);
    }
}
