package org.jianqun.console.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jianqun.core.CoreServices;
import org.jianqun.core.access.Role;
import org.jianqun.core.operations.ChatSideReports;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.DeliveryStatus;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.jianqun.console.ConsoleApi;
import org.jianqun.console.ConsoleParts;
import org.jianqun.console.RecordedChatSide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the chat side could not do is shown to administrators over HTTP, within their scope. */
class DeliveryRoutesTest {
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static TestDatabase db;
    private static RedisStore redis;
    private static TestServer server;
    private static final RecordedChatSide chatSide = new RecordedChatSide();

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        CoreServices core = CoreServices.assemble(JianqunConfig.load(ConfigSource.of(Map.of())), CLOCK, db.database(), redis, HASHER);
        core.importer().importCsv(org.jianqun.core.importing.ImportKind.REGIONS, csv(REGIONS), null);
        db.database().inTransaction(s -> {
            PersonMapper people = s.getMapper(PersonMapper.class);
            people.insert(new Person(null, "管理员", Role.ADMIN, null, null, null, "admin", HASHER.hash("admin-password")), CLOCK.instant());
            people.insert(new Person(null, "邻县管理员", Role.ADMIN, "359902", null, null, "other-admin", HASHER.hash("other-password")), CLOCK.instant());
            people.insert(new Person(null, "东岭镇办事员", Role.TOWN_OFFICER, "359901100", null, null, "town-officer", HASHER.hash("town-password")), CLOCK.instant());
            Outbox.enqueue(s, CLOCK.instant(), null, "ESCALATED", new OutboxMessage(Audience.LEVEL, "359901100", "工单 #5 已上报至镇级，请认领。"));
            Outbox.enqueue(s, CLOCK.instant(), null, "REPLY", new OutboxMessage(Audience.GROUP, "bridge:g-1", "已登记工单 #6"));
            return null;
        });
        db.database().inTransaction(s -> {
            OutboxMapper outbox = s.getMapper(OutboxMapper.class);
            List<OutboxMapper.Pending> rows = outbox.due(CLOCK.instant(), 10);
            hold(outbox, rows.get(0).id(), "no officers' group is bound to region 359901100");
            return null;
        });
        // The chat side's tables are the gateway's (GatewayReportsTest checks their SQL); here they are as the console receives them.
        chatSide.unbound.add(new ChatSideReports.UnboundGroup("bridge", "g-nobody-bound", null, 3, Instant.parse("2026-03-02T01:03:00Z")));
        chatSide.unbound.add(new ChatSideReports.UnboundGroup("wecom", "wrNew", "企业微信客户群 wrNew", 0, null));
        chatSide.failed.add(new ChatSideReports.FailedMessage(41, "wecom", "wrDongling", "东岭村村民群", "359901100201", "#反映 水渠堵了",
                "处理失败：IllegalStateException", Instant.parse("2026-03-02T01:05:00Z")));
        chatSide.groupSends.add(new ChatSideReports.GroupSend(2, "disclosure", "wrDongling", "东岭村村民群", "359901100201", "2026-03", "sent", 0,
                null, Instant.parse("2026-03-01T01:00:00Z"), Instant.parse("2026-03-01T02:00:00Z")));
        chatSide.groupSends.add(new ChatSideReports.GroupSend(1, "digest", "wrDongling", "东岭村村民群", "359901100201", "2026-03", "expired", 3,
                "not sent by the owner within 3 days", Instant.parse("2026-03-01T01:00:00Z"), null));
        server = TestServer.start(List.of(new ConsoleApi(ConsoleParts.of(core, chatSide))));
    }

    @AfterAll
    static void stop() {
        server.close();
        redis.close();
        db.close();
    }

    /** Claims the row and settles it HELD, as the dispatcher does when nothing can carry it. */
    private static void hold(OutboxMapper outbox, long id, String why) {
        Instant lease = CLOCK.instant().plusSeconds(60);
        assertThat(outbox.claim(id, CLOCK.instant(), lease, "test-dispatcher", CLOCK.instant())).isEqualTo(1);
        assertThat(outbox.settle(id, lease, DeliveryStatus.HELD, CLOCK.instant(), why)).isEqualTo(1);
    }

    @Test
    void heldDeliveriesAreShownWithTheirReasonWithinScope() {
        TestServer.Reply held = server.get("/api/v1/admin/deliveries?status=held", server.login("admin", "admin-password"));
        assertThat(held.status()).as(held.body()).isEqualTo(200);
        JsonArray rows = held.json().getJsonArray("deliveries");
        assertThat(rows.size()).isEqualTo(1);
        JsonObject row = rows.getJsonObject(0);
        assertThat(row.getString("audience")).isEqualTo("level");
        assertThat(row.getString("target")).isEqualTo("359901100");
        assertThat(row.getString("reason")).contains("no officers' group");
        assertThat(row.getString("createdAt")).endsWith("+08:00");

        TestServer.Reply pending = server.get("/api/v1/admin/deliveries?status=pending", server.login("admin", "admin-password"));
        assertThat(pending.json().getJsonArray("deliveries").stream().map(r -> ((JsonObject) r).getString("target"))).contains("bridge:g-1");

        TestServer.Reply elsewhere = server.get("/api/v1/admin/deliveries?status=held", server.login("other-admin", "other-password"));
        assertThat(elsewhere.json().getJsonArray("deliveries").size()).as("another county's admin sees none of it").isZero();
    }

    @Test
    void anAdminSendsAHeldDeliveryAgainOnceItsCauseIsMended() {
        db.database().inTransaction(s -> {
            Outbox.enqueue(s, CLOCK.instant(), null, "ESCALATED", new OutboxMessage(Audience.LEVEL, "359901", "工单 #7 已上报至县级，请认领。"));
            return null;
        });
        String deliveryId = db.database().inTransaction(s -> {
            OutboxMapper outbox = s.getMapper(OutboxMapper.class);
            OutboxMapper.Pending row = outbox.due(CLOCK.instant(), 10).stream().filter(p -> "359901".equals(p.target())).findFirst().orElseThrow();
            hold(outbox, row.id(), "no officers' group is bound to region 359901");
            return row.deliveryId();
        });
        String path = "/api/v1/admin/deliveries/" + deliveryId + "/retry";

        TestServer.Reply elsewhere = server.post(path, server.login("other-admin", "other-password"), "application/json", new byte[0]);
        assertThat(elsewhere.status()).as("another county's admin cannot touch it").isEqualTo(404);
        assertThat(elsewhere.json().getString("message")).contains("没有暂停或失败的投递 " + deliveryId);
        assertThat(server.post(path, server.login("town-officer", "town-password"), "application/json", new byte[0]).status()).isEqualTo(403);

        TestServer.Reply retried = server.post(path, server.login("admin", "admin-password"), "application/json", new byte[0]);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().getString("status")).isEqualTo("pending");
        assertThat(db.database().<DeliveryStatus>read(s -> s.getMapper(OutboxMapper.class).statusOf(deliveryId))).isEqualTo(DeliveryStatus.PENDING);
        assertThat(db.database().<Integer>read(s -> {
            OutboxMapper outbox = s.getMapper(OutboxMapper.class);
            long id = outbox.due(CLOCK.instant(), 10).stream().filter(p -> p.deliveryId().equals(deliveryId)).findFirst().orElseThrow().id();
            return outbox.attempts(id);
        })).as("due now, attempts from zero").isZero();
        TestServer.Reply pending = server.get("/api/v1/admin/deliveries?status=pending", server.login("admin", "admin-password"));
        assertThat(pending.json().getJsonArray("deliveries").stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("deliveryId").equals(deliveryId)).findFirst().orElseThrow().getString("reason"))
                .startsWith("retried by administrator #").endsWith("before: no officers' group is bound to region 359901");

        assertThat(server.post(path, server.login("admin", "admin-password"), "application/json", new byte[0]).status())
                .as("a pending delivery is not retried again").isEqualTo(404);
    }

    @Test
    void aMessageThatFailedInProcessingIsShownAndPutBackInTheQueue() {
        String admin = server.login("admin", "admin-password");
        TestServer.Reply failed = server.get("/api/v1/admin/failed-messages", admin);
        assertThat(failed.status()).as(failed.body()).isEqualTo(200);
        JsonObject row = failed.json().getJsonArray("messages").getJsonObject(0);
        assertThat(row.getString("group")).isEqualTo("东岭村村民群");
        assertThat(row.getString("village")).isEqualTo("359901100201");
        assertThat(row.getString("text")).isEqualTo("#反映 水渠堵了");
        assertThat(row.getString("reason")).isEqualTo("处理失败：IllegalStateException");
        assertThat(row.getString("receivedAt")).isEqualTo("2026-03-02T09:05:00+08:00");
        long id = row.getLong("id");
        String other = server.login("other-admin", "other-password");
        assertThat(server.get("/api/v1/admin/failed-messages", other).json().getJsonArray("messages").size()).isZero();
        String path = "/api/v1/admin/failed-messages/" + id + "/retry";
        assertThat(server.post(path, other, "application/json", new byte[0]).status()).as("another county's").isEqualTo(404);
        assertThat(server.post("/api/v1/admin/failed-messages/abc/retry", admin, "application/json", new byte[0]).json().getString("message"))
                .contains("消息编号应为数字");

        TestServer.Reply retried = server.post(path, admin, "application/json", new byte[0]);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().getString("status")).isEqualTo("received");
        assertThat(server.get("/api/v1/admin/failed-messages", admin).json().getJsonArray("messages").size()).isZero();
        assertThat(chatSide.requeuedBy).as("the gateway is told who put it back").singleElement().asString().startsWith("administrator #");
        assertThat(server.post(path, admin, "application/json", new byte[0]).status()).as("only a failed one").isEqualTo(404);
    }

    @Test
    void badQueriesAndNonAdminsAreRefusedClearly() {
        String admin = server.login("admin", "admin-password");
        TestServer.Reply badStatus = server.get("/api/v1/admin/deliveries?status=lost", admin);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().getString("message")).contains("参数 status 只能是：held");
        assertThat(server.get("/api/v1/admin/deliveries?limit=0", admin).status()).isEqualTo(400);
        assertThat(server.get("/api/v1/admin/deliveries?before=x", admin).json().getString("message")).contains("before");
        assertThat(server.get("/api/v1/admin/deliveries", server.login("town-officer", "town-password")).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/admin/unbound-groups", null).status()).isEqualTo(401);
    }

    @Test
    void groupSendsThatDidNotGoOutAreShownWithTheirReason() {
        String admin = server.login("admin", "admin-password");
        TestServer.Reply unsent = server.get("/api/v1/admin/group-sends?month=2026-03", admin);
        assertThat(unsent.status()).as(unsent.body()).isEqualTo(200);
        assertThat(unsent.json().getJsonArray("groupSends").size()).isEqualTo(1);
        JsonObject expired = unsent.json().getJsonArray("groupSends").getJsonObject(0);
        assertThat(expired.getString("status")).isEqualTo("expired");
        assertThat(expired.getString("group")).isEqualTo("东岭村村民群");
        assertThat(expired.getInteger("reminders")).isEqualTo(3);
        assertThat(expired.getString("reason")).contains("within 3 days");
        TestServer.Reply sent = server.get("/api/v1/admin/group-sends?month=2026-03&status=sent", admin);
        assertThat(sent.json().getJsonArray("groupSends").getJsonObject(0).getString("purpose")).isEqualTo("disclosure");
        assertThat(server.get("/api/v1/admin/group-sends?month=2026-03", server.login("other-admin", "other-password"))
                .json().getJsonArray("groupSends").size()).as("another county's admin sees none of it").isZero();
        assertThat(server.get("/api/v1/admin/group-sends?month=March", admin).json().getString("message")).contains("2026-11");
        assertThat(server.get("/api/v1/admin/group-sends?status=lost", admin).status()).isEqualTo(400);
        assertThat(server.get("/api/v1/admin/group-sends", admin).json().getString("month")).as("this month, China time").isEqualTo("2026-03");
    }

    @Test
    void groupsWaitingForABindingAreListedWithTheirKeptMessages() {
        TestServer.Reply reply = server.get("/api/v1/admin/unbound-groups", server.login("admin", "admin-password"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonArray groups = reply.json().getJsonArray("groups");
        assertThat(groups.size()).isEqualTo(2);
        assertThat(groups.getJsonObject(0).getString("groupId")).isEqualTo("g-nobody-bound");
        assertThat(groups.getJsonObject(0).getLong("keptMessages")).isEqualTo(3L);
        assertThat(groups.getJsonObject(0).getString("lastMessageAt")).isEqualTo("2026-03-02T09:03:00+08:00");
        assertThat(groups.getJsonObject(1).getString("groupId")).isEqualTo("wrNew");
        assertThat(groups.getJsonObject(1).getString("channel")).isEqualTo("wecom");
        assertThat(groups.getJsonObject(1).getLong("keptMessages")).isZero();
    }
}
