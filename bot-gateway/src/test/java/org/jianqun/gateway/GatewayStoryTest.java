package org.jianqun.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.gateway.bridge.BridgeRoutes;
import org.jianqun.gateway.bridge.BridgeSignature;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.outbound.BridgeOutbound;
import org.jianqun.gateway.outbound.BridgeReceiver;
import org.jianqun.gateway.outbound.OutboxDispatcher;
import org.jianqun.gateway.outbound.Pacer;
import org.jianqun.gateway.processing.MessageProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole story through the bridge, over real HTTP both ways, on a real database: a villager's
 * #反映 → ticket and a reply with number and deadline → cadre 认领 → 办结 → villager 评价 满意 → CLOSED,
 * every reply checked where the bridge receives it.
 */
class GatewayStoryTest {
    private static final String GROUP = "g-201-1";
    private static final BridgeSignature SIGNER = new BridgeSignature("story-secret-0123456789");
    // Business time is the test's to move; signatures are judged by the wall clock, as in production.
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private TestDatabase db;
    private RedisStore redis;
    private TestServer server;
    private BridgeReceiver receiver;
    private MessageProcessor processor;
    private OutboxDispatcher dispatcher;
    private OrganisationImporter importer;
    private TicketDesk desk;
    private int sequence;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        importer.importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name", "bridge," + GROUP + ",359901100201,东岭村监督群"), null);
        importer.importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "东岭村干部,village_cadre,359901100201,bridge,cadre-201,,"), null);
        receiver = new BridgeReceiver(SIGNER);
        server = TestServer.start(List.of(new BridgeRoutes(SIGNER, new Inbox(db.database(), clock), vertx -> { })));
        desk = new TicketDesk(db.database(), WorkingDayCalendar.shipped(), clock);
        processor = new MessageProcessor(db.database(), desk, new TicketQueries(db.database(), WorkingDayCalendar.shipped(), clock), new MessageFlagger(), clock);
        redis = TestRedis.fresh();
        dispatcher = new OutboxDispatcher(db.database(), Optional.of(new BridgeOutbound(receiver.url(), SIGNER)), Optional.empty(), Optional.empty(),
                new Pacer(redis, clock), clock);
    }

    @AfterEach
    void close() {
        server.close();
        receiver.close();
        redis.close();
        db.close();
    }

    private void say(String senderId, String name, String text) {
        sayIn(GROUP, senderId, name, text);
    }

    private void sayIn(String group, String senderId, String name, String text) {
        byte[] body = new JsonObject().put("messageId", "story-" + (++sequence)).put("groupId", group)
                .put("sender", new JsonObject().put("id", senderId).put("name", name)).put("type", "text").put("text", text)
                .put("sentAt", clock.instant().toString()).encode().getBytes(StandardCharsets.UTF_8);
        String ts = SIGNER.timestampNow();
        TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri("/bridge/v1/messages"))
                .header(BridgeSignature.TIMESTAMP_HEADER, ts).header(BridgeSignature.SIGNATURE_HEADER, SIGNER.sign(ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        processor.processWaiting(50);
        dispatcher.dispatchDue(50);
    }

    private String lastReply() {
        List<String> texts = receiver.texts(GROUP);
        assertThat(texts).isNotEmpty();
        return texts.get(texts.size() - 1);
    }

    @Test
    void fromReportToClosedThroughTheBridge() {
        say("wx-v1", "村民甲", "＃反映 村口路灯坏了三个月，晚上很黑");
        Matcher number = Pattern.compile("已登记工单 #(\\d+)（基础设施），由村级办理，认领期限 (\\d{4}-\\d{2}-\\d{2} 24:00)").matcher(lastReply());
        assertThat(number.find()).as(lastReply()).isTrue();
        long no = Long.parseLong(number.group(1));

        say("cadre-201", "东岭村干部", "认领 #" + no);
        assertThat(lastReply()).contains("工单 #" + no + " 已由 东岭村干部 认领", "办理期限");
        say("cadre-201", "东岭村干部", "办结 #" + no + " 已更换路灯");
        assertThat(receiver.texts(GROUP)).anySatisfy(t -> assertThat(t).contains("@村民甲", "已办结：已更换路灯", "评价 #" + no + " 满意"));
        say("wx-v1", "村民甲", "评价 #" + no + " 满意");
        assertThat(lastReply()).contains("工单 #" + no + " 已结案");
        assertThat(db.database().<TicketState>read(s -> s.getMapper(TicketMapper.class).find(no).state())).isEqualTo(TicketState.CLOSED);
        assertThat(receiver.badSignatures()).isZero();
    }

    /** A sender or group id is trimmed once at the edge and then compared exactly: upper case is someone else. */
    @Test
    void aSenderIdOfAnotherSpellingIsAnotherPerson() {
        say("wx-v1", "村民甲", "#反映 村口路灯坏了三个月，晚上很黑");
        Matcher number = Pattern.compile("已登记工单 #(\\d+)").matcher(lastReply());
        assertThat(number.find()).as(lastReply()).isTrue();
        long no = Long.parseLong(number.group(1));

        say("CADRE-201 ", "东岭村干部", "认领 #" + no);
        assertThat(db.database().<TicketState>read(s -> s.getMapper(TicketMapper.class).find(no).state()))
                .as("an upper-case id is not the cadre's").isEqualTo(TicketState.OPEN);
        assertThat(db.database().<Person>read(s -> s.getMapper(PersonMapper.class).findByChannelUser(Channel.BRIDGE, "CADRE-201")).role())
                .as("remembered as a villager of its own").isEqualTo(Role.VILLAGER);

        sayIn(GROUP + " \u200B", "cadre-201\u3000", "东岭村干部", "认领 #" + no);
        assertThat(db.database().<TicketState>read(s -> s.getMapper(TicketMapper.class).find(no).state()))
                .as("spaces and invisible characters round an id are no part of it").isEqualTo(TicketState.CLAIMED);
        assertThat(db.database().<Long>read(s -> s.getMapper(PersonMapper.class).count())).isEqualTo(3);
    }

    @Test
    void aTownOfficerWhoClaimsInTheTownsWorkGroupIsAnsweredThere() {
        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name", "bridge," + GROUP + ",359901100201,东岭村监督群",
                "bridge,g-town-100,359901100,东岭镇干部工作群"), null);
        importer.importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "东岭村干部,village_cadre,359901100201,bridge,cadre-201,,", "东岭镇办事员,town_officer,359901100,bridge,town-100,,"), null);
        say("wx-v1", "村民甲", "#反映 桥面塌了一块");
        long no = Long.parseLong(lastReply().replaceAll("(?s).*已登记工单 #(\\d+).*", "$1"));
        say("cadre-201", "东岭村干部", "上报 #" + no + " 需镇里协调");
        assertThat(receiver.texts("g-town-100")).as("the town hears which village and what about, not who")
                .anySatisfy(t -> assertThat(t).startsWith("工单 #" + no + "（东岭村·基础设施：桥面塌了一块）已上报至镇级，请认领").doesNotContain("村民甲"));

        sayIn("g-town-100", "town-100", "东岭镇办事员", "认领 #" + no);
        assertThat(receiver.texts("g-town-100")).as("answered where it was sent").last().asString()
                .contains("@东岭镇办事员", "已认领工单 #" + no, "镇级");
        assertThat(receiver.texts(GROUP)).as("and the complainant told as before").anySatisfy(t -> assertThat(t).contains("已由 东岭镇办事员 认领"));

        sayIn("g-town-100", "town-100", "东岭镇办事员", "办结 #" + no + " 已修复桥面");
        assertThat(receiver.texts("g-town-100")).last().asString().contains("工单 #" + no + " 已办结");
        long villageGroupConfirmations = receiver.texts(GROUP).stream().filter(t -> t.contains("已认领工单")).count();
        assertThat(villageGroupConfirmations).as("a command sent in the complainant's group is answered by the notice alone").isZero();
    }

    @Test
    void aBridgeThatFailsIsRetriedUntilItTakesTheMessageOnce() {
        receiver.failNext(2, 503);
        say("wx-v1", "村民甲", "#反映 水渠堵了");
        assertThat(receiver.texts(GROUP)).isEmpty();
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofMinutes(5));
            dispatcher.dispatchDue(50);
        }
        assertThat(receiver.texts(GROUP)).singleElement().asString().contains("已登记工单");
        assertThat(receiver.statuses()).containsExactly(503, 503, 200);
        String status = db.database().read(s -> s.getMapper(OutboxMapper.class).due(clock.instant().plus(Duration.ofDays(1)), 10)).isEmpty()
                ? "settled" : "pending";
        assertThat(status).isEqualTo("settled");
    }

    @Test
    void aBridgeOffForANightGetsItsRepliesInTheMorning() {
        receiver.failNext(1_000, 503);
        say("wx-v1", "村民甲", "#反映 夜里路灯全灭了");
        for (int hour = 0; hour < 14; hour++) {
            clock.advance(Duration.ofHours(1));
            dispatcher.dispatchDue(50);
        }
        assertThat(receiver.texts(GROUP)).isEmpty();
        receiver.failNext(0, 503);
        clock.advance(Duration.ofHours(1));
        dispatcher.dispatchDue(50);
        assertThat(receiver.texts(GROUP)).singleElement().asString().contains("已登记工单");
        assertThat(receiver.statuses()).hasSizeGreaterThan(12).endsWith(200);
    }

    @Test
    void aGroupIsPacedNotFloodedAndNothingIsDropped() {
        for (int i = 0; i < 70; i++) {
            say("wx-v" + i, "村民" + i, "#反映 第" + i + "件：水渠堵了");
        }
        assertThat(receiver.texts(GROUP)).hasSize(60);
        clock.advance(Duration.ofMinutes(2));
        dispatcher.dispatchDue(200);
        assertThat(receiver.texts(GROUP)).as("the rest goes out in the next minute").hasSize(70);
    }

    @Test
    void aBridgeThatRefusesForGoodIsRecordedNotRetried() {
        receiver.failNext(1, 400);
        say("wx-v1", "村民甲", "#反映 垃圾没人清");
        clock.advance(Duration.ofHours(2));
        dispatcher.dispatchDue(50);
        assertThat(receiver.statuses()).containsExactly(400);
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT status, last_error FROM outbox WHERE audience = 'GROUP'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("FAILED");
            assertThat(rs.getString(2)).contains("400");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aComplainantWhoseReportWasMergedHearsInTheGroupTheyReportedIn() {
        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name", "bridge,g-201-2,359901100201,东岭村二组群"), null);
        say("wx-v1", "村民甲", "#反映 村口路灯坏了三个月");
        long first = ticketIn(lastReply());
        sayIn("g-201-2", "wx-v2", "李四", "#反映 二组路口的灯也不亮");
        List<String> second = receiver.texts("g-201-2");
        long merged = ticketIn(second.get(second.size() - 1));
        org.jianqun.core.organisation.Person cadre = db.database().read(s -> s.getMapper(org.jianqun.core.persistence.PersonMapper.class)
                .findByChannelUser(org.jianqun.core.organisation.Channel.BRIDGE, "cadre-201"));
        assertThat(desk.execute(new DeskCommand.Merge(merged, first), new org.jianqun.core.access.Actor(cadre.id(), cadre.name(), cadre.role(), cadre.scopeCode()), org.jianqun.core.desk.Via.CONSOLE)).isInstanceOf(org.jianqun.core.desk.DeskResult.Done.class);

        say("cadre-201", "东岭村干部", "认领 #" + first);
        say("cadre-201", "东岭村干部", "办结 #" + first + " 已更换路灯");
        assertThat(receiver.texts("g-201-2")).anySatisfy(t -> assertThat(t).contains("@李四", "已办结：已更换路灯", "评价 #" + first));
        assertThat(receiver.texts(GROUP)).as("李四 is not in the first group").noneSatisfy(t -> assertThat(t).contains("@李四"))
                .anySatisfy(t -> assertThat(t).contains("@村民甲", "评价 #" + first));
    }

    private static long ticketIn(String reply) {
        Matcher number = Pattern.compile("已登记工单 #(\\d+)").matcher(reply);
        assertThat(number.find()).as(reply).isTrue();
        return Long.parseLong(number.group(1));
    }
}
