package org.jianqun.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jianqun.gateway.inbox.InboxStatus;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestServer;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.inbox.InboxMapper;
import org.jianqun.gateway.outbound.GroupRobot;
import org.jianqun.gateway.outbound.OutboxDispatcher;
import org.jianqun.gateway.outbound.Pacer;
import org.jianqun.gateway.processing.MessageProcessor;
import org.jianqun.gateway.wecom.ArchivePuller;
import org.jianqun.gateway.wecom.FakeArchive;
import org.jianqun.gateway.wecom.MessageArchive;
import org.jianqun.gateway.wecom.WecomCallbackRoutes;
import org.jianqun.gateway.wecom.WecomCrypt;
import org.jianqun.gateway.wecom.WecomGroups;
import org.jianqun.gateway.wecom.WecomSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A villager group on WeCom, end to end over the app callback: WeCom announces the new group, which
 * waits unassigned; its first message is kept but not acted on; an admin binds the group to its
 * village; a villager's {@code #反映}, the cadre's 认领 and 办结 and the villager's 评价 come through the
 * message archive, and the ticket closes. The platform cannot post into an external group at will,
 * so every reply reaches the village cadres' internal group through its WeCom group robot (WxJava,
 * WireMock standing where WeCom is), marked to be forwarded — checked there, one by one.
 */
class WecomStoryTest {
    /** Redis for the outbound pacer (flushed; the test's own database index). */
    private static final org.jianqun.core.redis.RedisStore PACING = org.jianqun.core.testing.TestRedis.fresh();
    private static final String CORP = "wwjianquntest0001";
    private static final String TOKEN = "storyToken";
    private static final String AES_KEY = "c3RvcnkgdGVzdCBrZXkgb25seSwgbm90IGEgc2VjcmV";
    private static final String CHAT = "wrOgQhDgAAvillage201";
    private static final String CADRES_CHAT = "wrkSFfCgAAcadres201";
    private static final String ROBOT_KEY = "story-robot-key-201";
    private static final String WEBHOOK = "/cgi-bin/webhook/send";
    private com.github.tomakehurst.wiremock.WireMockServer wecomApi;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final WecomSender wecom = new WecomSender(TOKEN, AES_KEY, CORP, clock);
    private final FakeArchive archive = new FakeArchive();
    private TestDatabase db;
    private OrganisationImporter importer;
    private ArchivePuller puller;
    private TestServer server;
    private MessageProcessor processor;
    private OutboxDispatcher dispatcher;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        importer.importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        puller = new ArchivePuller(db.database(), new Inbox(db.database(), clock), archive, CORP, clock);
        server = TestServer.start(List.of(new WecomCallbackRoutes(new WecomCrypt(TOKEN, AES_KEY, CORP, clock),
                new WecomGroups(db.database(), clock), Optional.of(puller), vertx -> { })));
        processor = new MessageProcessor(db.database(), new TicketDesk(db.database(), WorkingDayCalendar.shipped(), clock), new TicketQueries(db.database(), WorkingDayCalendar.shipped(), clock),
                new MessageFlagger(), clock);
        wecomApi = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        wecomApi.start();
        wecomApi.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(WEBHOOK))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        dispatcher = new OutboxDispatcher(db.database(), Optional.empty(), Optional.empty(),
                Optional.of(new GroupRobot(java.net.URI.create("http://127.0.0.1:" + wecomApi.port()))), new Pacer(PACING, clock), clock);
    }

    @AfterEach
    void close() {
        server.close();
        wecomApi.stop();
        db.close();
    }

    /** What the cadres' group robot posted, in order. */
    private List<String> cadresGroupTexts() {
        List<String> out = new ArrayList<>();
        for (var r : wecomApi.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(WEBHOOK)))) {
            assertThat(r.queryParameter("key").firstValue()).isEqualTo(ROBOT_KEY);
            out.add(new io.vertx.core.json.JsonObject(r.getBodyAsString()).getJsonObject("text").getString("content"));
        }
        return out;
    }

    private String lastRelayed() {
        List<String> texts = cadresGroupTexts();
        assertThat(texts).isNotEmpty();
        return texts.get(texts.size() - 1);
    }

    private void callback(String plaintext) {
        WecomSender.Sealed sealed = wecom.seal(plaintext);
        TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri(WecomCallbackRoutes.PATH + sealed.query()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(wecom.xmlBody(sealed))).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("success");
    }

    /** A villager says something in the group; WeCom archives it and notifies; the platform pulls and processes. */
    private InboxMapper.Stored villagerSays(long seq, String text) {
        return says(seq, "wmVillagerA", text);
    }

    private InboxMapper.Stored says(long seq, String from, String text) {
        String msgId = "story-msg-" + seq;
        archive.add(new MessageArchive.Archived(seq, msgId, "send", CHAT, from, "text", text, null, clock.instant()));
        callback(WecomSender.msgauditNotify(CORP, clock.instant().getEpochSecond()));
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (db.database().<Integer>read(s -> s.getMapper(InboxMapper.class).count("WECOM", msgId)) == 0 || puller.busy()) {
            assertThat(System.nanoTime()).as("pulled within 15 s").isLessThan(until);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        processor.processWaiting(50);
        dispatcher.dispatchDue(50);
        return db.database().read(s -> s.getMapper(InboxMapper.class).find("WECOM", msgId));
    }

    private List<String[]> outbox() {
        List<String[]> rows = new ArrayList<>();
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT audience, target, text, status, last_error FROM outbox ORDER BY id")) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Test
    void fromReportToClosedThroughTheArchiveWithRepliesRelayedByTheCadresRobot() {
        callback(WecomSender.changeExternalChat(CORP, CHAT, "create", clock.instant().getEpochSecond()));
        assertThat(db.database().read(s -> s.getMapper(GroupMapper.class).find(Channel.WECOM, CHAT)).regionCode()).isNull();

        InboxMapper.Stored early = villagerSays(1, "#反映 这个群是做什么的");
        assertThat(early.status()).as("kept for the admin to bind the group").isEqualTo(InboxStatus.UNKNOWN_GROUP);
        assertThat(early.ticketNo()).isNull();

        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose,robot_key",
                "wecom," + CHAT + ",359901100201,东岭村村民监督群,villagers,",
                "aibot," + CADRES_CHAT + ",359901100201,东岭村两委工作群,officers," + ROBOT_KEY), null);
        // In the archive a cadre is their WeCom userid; the people import names them on the wecom channel.
        importer.importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "东岭村干部,village_cadre,359901100201,wecom,zhangsan,,"), null);

        InboxMapper.Stored report = villagerSays(2, "#反映 村口路灯坏了三个月，晚上很黑");
        assertThat(report.status()).isEqualTo(InboxStatus.PROCESSED);
        assertThat(report.ticketNo()).isNotNull();
        long no = report.ticketNo();
        TicketRow ticket = db.database().read(s -> s.getMapper(TicketMapper.class).find(no));
        assertThat(ticket.state()).isEqualTo(TicketState.OPEN);
        assertThat(ticket.villageCode()).isEqualTo("359901100201");
        assertThat(ticket.channel()).isEqualTo("wecom");
        assertThat(ticket.originGroupId()).isEqualTo(CHAT);
        assertThat(ticket.content()).contains("村口路灯坏了三个月");
        assertThat(lastRelayed()).startsWith("【请转发到「东岭村村民监督群」】\n").contains("已登记工单 #" + no, "认领期限");

        says(3, "zhangsan", "认领 #" + no);
        assertThat(lastRelayed()).contains("工单 #" + no + " 已由 东岭村干部 认领", "办理期限");
        says(4, "zhangsan", "办结 #" + no + " 已更换路灯");
        assertThat(cadresGroupTexts()).anySatisfy(t -> assertThat(t).contains("已办结：已更换路灯", "评价 #" + no + " 满意"));
        villagerSays(5, "评价 #" + no + " 满意");
        assertThat(lastRelayed()).contains("工单 #" + no + " 已结案");
        assertThat(db.database().<TicketState>read(s -> s.getMapper(TicketMapper.class).find(no).state())).isEqualTo(TicketState.CLOSED);

        // Every reply for the external group was routed to the cadres and sent; none is left waiting.
        List<String[]> forExternal = outbox().stream().filter(r -> r[1].equals("wecom:" + CHAT)).toList();
        assertThat(forExternal).isNotEmpty().allSatisfy(r -> assertThat(r[3]).isEqualTo("ROUTED"));
        assertThat(outbox()).filteredOn(r -> r[1].equals("aibot:" + CADRES_CHAT)).allSatisfy(r -> assertThat(r[3]).isEqualTo("SENT"));
    }
}
