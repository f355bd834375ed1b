package org.jianqun.gateway.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.Broadcast;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.gateway.bridge.BridgeSignature;
import org.jianqun.gateway.groupsend.GroupSendTasks;
import org.jianqun.gateway.wecom.WecomApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notices reach the groups bound to their region: a level's officers' groups (over the bridge, or
 * through a WeCom group robot via WxJava with WireMock where WeCom is), the nearest discipline group,
 * and the cadres of a village whose external group the platform cannot post into.
 */
class NoticeDeliveryTest {
    private static final BridgeSignature SIGNER = new BridgeSignature("notice-secret-0123456789");
    private static final String ROBOT_KEY = "robot-key-town-0001";
    private static final String WEBHOOK = "/cgi-bin/webhook/send";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private TestDatabase db;
    private RedisStore redis;
    private BridgeReceiver bridge;
    private WireMockServer wecom;
    private OrganisationImporter importer;
    private OutboxDispatcher dispatcher;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        bridge = new BridgeReceiver(SIGNER);
        wecom = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        wecom.start();
        wecom.stubFor(post(urlPathEqualTo(WEBHOOK)).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        importer.importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        ImportOutcome groups = importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose,robot_key",
                "bridge,g-201-1,359901100201,东岭村监督群,villagers,",
                "aibot,wrTownOfficers,359901100,东岭镇干部工作群,officers," + ROBOT_KEY,
                "bridge,g-county-officers,359901,清源县督办工作群,officers,",
                "bridge,g-county-jjw,359901,县纪委监委网巡群,discipline,",
                "wecom,wrExternal202,359901100202,上洋村村民群,villagers,",
                "bridge,g-202-cadres,359901100202,上洋村两委工作群,officers,"), null);
        assertThat(groups).isInstanceOf(ImportOutcome.Applied.class);
        dispatcher = new OutboxDispatcher(db.database(), Optional.of(new BridgeOutbound(bridge.url(), SIGNER)), Optional.empty(),
                Optional.of(new GroupRobot(URI.create("http://127.0.0.1:" + wecom.port()))), new Pacer(redis, clock), clock);
    }

    @AfterEach
    void close() {
        bridge.close();
        wecom.stop();
        redis.close();
        db.close();
    }

    private void enqueue(Audience audience, String target, String text) {
        db.database().inTransaction(s -> {
            Outbox.enqueue(s, clock.instant(), null, "TEST", new OutboxMessage(audience, target, text));
            return null;
        });
    }

    /** status and last_error of every outbox row whose text contains {@code marker}, in order. */
    private List<String> rows(String marker) {
        List<String> out = new ArrayList<>();
        try (var c = db.database().dataSource().getConnection();
             var st = c.prepareStatement("SELECT delivery_id, audience, target, status, last_error FROM outbox WHERE text LIKE ? ORDER BY id")) {
            st.setString(1, "%" + marker + "%");
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + (rs.getString(5) == null ? "" : " " + rs.getString(5)));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private List<String> robotTexts() {
        List<String> out = new ArrayList<>();
        for (LoggedRequest r : wecom.findAll(postRequestedFor(urlPathEqualTo(WEBHOOK)))) {
            assertThat(r.queryParameter("key").firstValue()).isEqualTo(ROBOT_KEY);
            JsonObject body = new JsonObject(new String(r.getBody(), StandardCharsets.UTF_8));
            assertThat(body.getString("msgtype")).isEqualTo("text");
            out.add(body.getJsonObject("text").getString("content"));
        }
        return out;
    }

    @Test
    void aLevelNoticeGoesToThatLevelsOfficersGroupsThroughTheirRobot() {
        enqueue(Audience.LEVEL, "359901100", "工单 #7 已上报至镇级，请认领。");
        enqueue(Audience.LEVEL, "359901", "工单 #8 已上报至县级，请认领。");
        dispatcher.dispatchDue(50);

        assertThat(robotTexts()).containsExactly("工单 #7 已上报至镇级，请认领。");
        assertThat(bridge.texts("g-county-officers")).containsExactly("工单 #8 已上报至县级，请认领。");
        assertThat(rows("#7")).containsExactly("LEVEL 359901100 ROUTED to the officers' groups of 359901100 (1)",
                "GROUP aibot:wrTownOfficers SENT");
        assertThat(bridge.texts("g-201-1")).as("villagers do not read the town's notices").isEmpty();
    }

    @Test
    void aRedWarningGoesToTheNearestDisciplineGroupUpTheTree() {
        enqueue(Audience.DISCIPLINE, "359901100", "红色预警：工单 #9（逾期两次），已进入网巡。");
        dispatcher.dispatchDue(50);
        // The town has no discipline group of its own: the county commission's group reads it.
        assertThat(bridge.texts("g-county-jjw")).containsExactly("红色预警：工单 #9（逾期两次），已进入网巡。");
        assertThat(rows("#9").get(0)).contains("ROUTED", "discipline group of 359901");
    }

    @Test
    void aNoticeForALevelWithoutAGroupIsHeldWithItsReason() {
        enqueue(Audience.LEVEL, "3599", "工单 #10 已上报至市级，请认领。");
        dispatcher.dispatchDue(50);
        assertThat(rows("#10")).singleElement().asString().startsWith("LEVEL 3599 HELD").contains("no officers' group is bound to region 3599");
    }

    @Test
    void aVillageWithoutACadresGroupHearsInItsSupervisionGroup() {
        enqueue(Audience.LEVEL, "359901100201", "群「东岭村监督群」有一条 12 秒的语音，请收听。");
        dispatcher.dispatchDue(50);
        assertThat(bridge.texts("g-201-1")).containsExactly("群「东岭村监督群」有一条 12 秒的语音，请收听。");
    }

    @Test
    void aReplyForAnExternalWecomGroupIsRelayedToTheVillagesCadresToForward() {
        enqueue(Audience.GROUP, "wecom:wrExternal202", "@村民乙 已登记工单 #11，由村级办理。");
        dispatcher.dispatchDue(50);
        assertThat(bridge.texts("g-202-cadres")).singleElement().asString()
                .startsWith("【请转发到「上洋村村民群」】\n").endsWith("@村民乙 已登记工单 #11，由村级办理。");
        assertThat(rows("#11").get(0)).startsWith("GROUP wecom:wrExternal202 ROUTED relayed through the cadres' group of 359901100202");
    }

    /** purpose, chat and status of every group-send task, in order. */
    private List<String> groupSendTasks() {
        List<String> out = new ArrayList<>();
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT purpose, chat_id, status, request_key FROM wecom_group_send ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private boolean requestOnce(String key, OutboxMessage message) {
        return db.database().inTransaction(s -> Outbox.requestOnce(s, clock.instant(), key, "DISCLOSURE", message));
    }

    @Test
    void aBroadcastReachesEveryVillagersGroupOnceAndAnExternalGroupAsAnOwnerConfirmedGroupSend() {
        dispatcher.carryingBroadcastsBy(new GroupSendTasks(db.database(), WecomApiClient.service(WecomApiClient.settings("wwcorp",
                "app-secret", Optional.of(1000002), URI.create("http://127.0.0.1:" + wecom.port()))).getExternalContactService(), clock,
                org.jianqun.core.config.GroupSendLimit.monthDays()));
        assertThat(requestOnce("disclosure-201-2026-02-v1", OutboxMessage.toVillagers("359901100201", Broadcast.DISCLOSURE, "东岭村 2026年2月 三务公开")))
                .isTrue();
        assertThat(requestOnce("disclosure-202-2026-02-v1", OutboxMessage.toVillagers("359901100202", Broadcast.DISCLOSURE, "上洋村 2026年2月 三务公开")))
                .isTrue();
        assertThat(requestOnce("disclosure-202-2026-02-v1", OutboxMessage.toVillagers("359901100202", Broadcast.DISCLOSURE, "上洋村 2026年2月 三务公开")))
                .as("asked again after a crash: nothing more").isFalse();
        dispatcher.dispatchDue(50);
        dispatcher.dispatchDue(50);

        assertThat(bridge.texts("g-201-1")).containsExactly("东岭村 2026年2月 三务公开");
        assertThat(groupSendTasks()).as("the external group's owner is asked to send it, in the disclosure's place of the month")
                .containsExactly("DISCLOSURE wrExternal202 QUEUED disclosure-202-2026-02-v1@wrExternal202");
        assertThat(bridge.texts("g-202-cadres")).as("a broadcast is not relayed by hand as well").isEmpty();
        assertThat(rows("上洋村 2026年2月")).singleElement().asString()
                .startsWith("VILLAGERS 359901100202 ROUTED to the villagers' groups of 359901100202 (0); group-sends 1 queued, 0 refused");
    }

    @Test
    void aMessageToAVillagesGroupsThatIsNoBroadcastReachesAnExternalGroupThroughItsCadres() {
        enqueue(Audience.VILLAGERS, "359901100202", "上洋村：明日停水。");
        enqueue(Audience.VILLAGERS, "359901100203", "西坑村：明日停水。");
        dispatcher.dispatchDue(50);
        dispatcher.dispatchDue(50);
        assertThat(bridge.texts("g-202-cadres")).singleElement().asString().startsWith("【请转发到「上洋村村民群」】");
        assertThat(rows("西坑村")).singleElement().asString().startsWith("VILLAGERS 359901100203 HELD no villagers' group is bound");
    }

    @Test
    void theRobotIsPacedAtTwentyAMinuteAndNothingIsDropped() {
        for (int i = 1; i <= 25; i++) {
            enqueue(Audience.LEVEL, "359901100", "催办通知 第" + i + "件");
        }
        dispatcher.dispatchDue(100);
        assertThat(robotTexts()).as("the rows: %s", rows("催办通知")).hasSize(GroupRobot.MESSAGES_PER_MINUTE);
        clock.advance(Duration.ofMinutes(1));
        dispatcher.dispatchDue(100);
        assertThat(robotTexts()).hasSize(25).doesNotHaveDuplicates();
        assertThat(rows("催办通知")).filteredOn(r -> r.startsWith("GROUP")).allSatisfy(r -> assertThat(r).contains("SENT"));
    }

    @Test
    void overTheRateAndServerErrorsAreRetriedWithBackoff() {
        wecom.resetAll();
        wecom.stubFor(post(urlPathEqualTo(WEBHOOK)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")).willSetStateTo("5xx"));
        wecom.stubFor(post(urlPathEqualTo(WEBHOOK)).inScenario("busy").whenScenarioStateIs("5xx")
                .willReturn(serverError().withBody("<html>bad gateway</html>")).willSetStateTo("ok"));
        wecom.stubFor(post(urlPathEqualTo(WEBHOOK)).inScenario("busy").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        enqueue(Audience.LEVEL, "359901100", "工单 #12 被催办");
        dispatcher.dispatchDue(50);
        assertThat(rows("#12").get(1)).startsWith("GROUP aibot:wrTownOfficers PENDING").contains("errcode 45009");
        clock.advance(Duration.ofMinutes(1));
        dispatcher.dispatchDue(50);
        assertThat(rows("#12").get(1)).startsWith("GROUP aibot:wrTownOfficers PENDING").contains("answered HTTP 500");
        clock.advance(Duration.ofMinutes(1));
        dispatcher.dispatchDue(50);
        assertThat(rows("#12").get(1)).isEqualTo("GROUP aibot:wrTownOfficers SENT");
        wecom.verify(3, postRequestedFor(urlPathEqualTo(WEBHOOK)).withQueryParam("key", equalTo(ROBOT_KEY)));
    }

    @Test
    void aRemovedRobotFailsForGoodWithoutItsKeyInTheReason() {
        wecom.resetAll();
        wecom.stubFor(post(urlPathEqualTo(WEBHOOK)).willReturn(okJson("{\"errcode\":93000,\"errmsg\":\"invalid webhook url, hint: [x]\"}")));
        enqueue(Audience.LEVEL, "359901100", "工单 #13 被催办");
        dispatcher.dispatchDue(50);
        clock.advance(Duration.ofHours(2));
        dispatcher.dispatchDue(50);
        assertThat(rows("#13").get(1)).isEqualTo("GROUP aibot:wrTownOfficers FAILED WeCom group robot errcode 93000 (invalid webhook url)");
        wecom.verify(1, postRequestedFor(urlPathEqualTo(WEBHOOK)));
    }

    @Test
    void anUnreachableWecomIsRetriedAndAnHttpRefusalIsNot() {
        GroupRobot nowhere = new GroupRobot(URI.create("http://127.0.0.1:9"));
        assertThat(nowhere.send(ROBOT_KEY, "测试")).isInstanceOf(Delivery.Retry.class);
        wecom.resetAll();
        wecom.stubFor(post(urlPathEqualTo(WEBHOOK)).willReturn(com.github.tomakehurst.wiremock.client.WireMock.notFound()));
        GroupRobot robot = new GroupRobot(URI.create("http://127.0.0.1:" + wecom.port() + "/"));
        assertThat(robot.send(ROBOT_KEY, "测试")).isEqualTo(new Delivery.Failed("WeCom group robot answered HTTP 404"));
    }

    @Test
    void aLongNoticeIsSentInPartsEachWithinWechatsLimit() {
        String longText = "工单 #14 办理情况：" + "村道硬化工程款项核对无误。".repeat(200);
        enqueue(Audience.LEVEL, "359901100", longText);
        dispatcher.dispatchDue(50);
        List<String> parts = robotTexts();
        assertThat(parts.size()).isGreaterThan(1);
        assertThat(parts).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TextParts.WECHAT_TEXT_BYTES));
        assertThat(String.join("", parts).replaceAll("\\(\\d+/\\d+\\) ", "")).contains("村道硬化工程款项核对无误");
    }

    @Test
    void anExternalCadresGroupNeverRelaysToItself() {
        // Cadres on personal WeChat are often reachable only in an external group: it cannot relay, the reply is held.
        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose,robot_key",
                "wecom,wrCadres201,359901100201,东岭村两委群,officers,",
                "wecom,wrExternal201,359901100201,东岭村村民群,villagers,"), null);
        enqueue(Audience.GROUP, "wecom:wrExternal201", "@村民丙 已登记工单 #15，由村级办理。");
        for (int pass = 0; pass < 3; pass++) {
            dispatcher.dispatchDue(50);
            clock.advance(OutboxDispatcher.LEASE.plusSeconds(1));
        }
        assertThat(rows("#15")).singleElement().asString().startsWith("GROUP wecom:wrExternal201 HELD")
                .contains("bind a cadres' work group (purpose officers, on the bridge or with a robot key) of village 359901100201");
    }

    @Test
    void aRedWarningPassesOverADisciplineGroupItWouldHaveToRelayThroughCadres() {
        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose,robot_key",
                "wecom,wrTownJjw,359901100,东岭镇纪检监察群,discipline,"), null);
        enqueue(Audience.DISCIPLINE, "359901100", "红色预警：工单 #16（逾期两次），已进入网巡。");
        dispatcher.dispatchDue(50);
        assertThat(bridge.texts("g-county-jjw")).containsExactly("红色预警：工单 #16（逾期两次），已进入网巡。");
        assertThat(robotTexts()).as("the town's officers never see a warning that may be about them").isEmpty();
        assertThat(rows("#16")).hasSize(2).first().asString().contains("ROUTED", "discipline group of 359901");
    }

    @Test
    void aMessageIsNeverDueToAnotherDispatcherWhileItIsBeingSent() {
        MutableClock slow = new MutableClock(clock.instant());
        slow.advanceOnEveryRead(Duration.ofSeconds(10));
        OutboxDispatcher dispatching = new OutboxDispatcher(db.database(), Optional.of(new BridgeOutbound(bridge.url(), SIGNER)),
                Optional.empty(), Optional.empty(), new Pacer(redis, slow), slow);
        for (int i = 1; i <= 8; i++) {
            enqueue(Audience.GROUP, "bridge:g-201-1", "第" + i + "条 #17");
        }
        List<String> dueWhileSending = new ArrayList<>();
        bridge.onDelivery(id -> dueWhileSending.addAll(db.database().read(s -> s.getMapper(org.jianqun.core.outbox.OutboxMapper.class)
                .due(slow.peek(), 50)).stream().map(p -> p.deliveryId()).filter(id::equals).toList()));
        assertThat(dispatching.dispatchDue(50)).isEqualTo(8);
        assertThat(bridge.texts("g-201-1")).hasSize(8);
        assertThat(dueWhileSending).as("a second instance would have sent these too").isEmpty();
        assertThat(rows("#17")).allSatisfy(r -> assertThat(r).contains("SENT"));
    }

    @Test
    void anOnwardRowThatCannotBeWrittenIsRetriedAndThenFailsNotRetriedForever() {
        // "bridge:" + a 125-character group id does not fit outbox.target (128).
        String longId = "g".repeat(125);
        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose,robot_key",
                "bridge," + longId + ",359901,清源县长名工作群,officers,"), null);
        enqueue(Audience.LEVEL, "359901", "工单 #18 已上报至县级，请认领。");
        for (int pass = 0; pass < OutboxDispatcher.MAX_ATTEMPTS + 3; pass++) {
            dispatcher.dispatchDue(50);
            clock.advance(Duration.ofHours(2));
        }
        assertThat(rows("#18")).singleElement().asString().startsWith("LEVEL 359901 FAILED gave up after " + OutboxDispatcher.MAX_ATTEMPTS)
                .contains("could not record the outcome");
        assertThat(bridge.texts("g-county-officers")).as("routed all or nothing").isEmpty();
    }
}
