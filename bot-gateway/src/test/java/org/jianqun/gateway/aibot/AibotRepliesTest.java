package org.jianqun.gateway.aibot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestServer;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.outbound.OutboxDispatcher;
import org.jianqun.gateway.outbound.Pacer;
import org.jianqun.gateway.processing.MessageProcessor;
import org.jianqun.gateway.wecom.WecomCrypt;
import org.jianqun.gateway.wecom.WecomSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cadre @-mentions the robot in the village cadres' group; the platform answers through the
 * response_url that came with it, WireMock standing where WeCom's server is.
 */
class AibotRepliesTest {
    /** Redis for the outbound pacer (flushed; the test's own database index). */
    private static final org.jianqun.core.redis.RedisStore PACING = org.jianqun.core.testing.TestRedis.fresh();
    private static final String CHAT = "wrkSFfCgAAcadres201";
    private static final String RESPONSE_PATH = "/cgi-bin/aibot/response";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final WecomSender wecom = new WecomSender(AibotRoutesTest.TOKEN, AibotRoutesTest.AES_KEY, "", clock);
    private WireMockServer wecomServer;
    private TestDatabase db;
    private TestServer server;
    private MessageProcessor processor;
    private OutboxDispatcher dispatcher;
    private int sequence;

    @BeforeEach
    void open() {
        wecomServer = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        wecomServer.start();
        db = TestDatabase.fresh();
        OrganisationImporter importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        importer.importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name", "aibot," + CHAT + ",359901100201,东岭村干部工作群"), null);
        importer.importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "东岭村干部,village_cadre,359901100201,aibot,cadre-zhang,,"), null);
        server = TestServer.start(List.of(new AibotRoutes(new WecomCrypt(AibotRoutesTest.TOKEN, AibotRoutesTest.AES_KEY, "", clock),
                new org.jianqun.gateway.inbox.Inbox(db.database(), clock), apiBase(), clock, vertx -> { })));
        processor = new MessageProcessor(db.database(), new TicketDesk(db.database(), WorkingDayCalendar.shipped(), clock), new TicketQueries(db.database(), WorkingDayCalendar.shipped(), clock),
                new MessageFlagger(), clock);
        dispatcher = new OutboxDispatcher(db.database(), Optional.empty(), Optional.of(new AibotReplies(db.database(), clock)), Optional.empty(),
                new Pacer(PACING, clock), clock);
        wecomServer.stubFor(post(urlPathEqualTo(RESPONSE_PATH)).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
    }

    @AfterEach
    void close() {
        server.close();
        db.close();
        wecomServer.stop();
    }

    private URI apiBase() {
        return URI.create("http://127.0.0.1:" + wecomServer.port());
    }

    private String responseUrl(String code) {
        return apiBase() + RESPONSE_PATH + "?response_code=" + code;
    }

    /** The cadre @-mentions the robot; the platform stores, processes and delivers what is due. */
    private void mention(String text, String responseUrl) {
        JsonObject callback = AibotRoutesTest.mention("ai-" + (++sequence), CHAT, "cadre-zhang", "@监群 " + text, responseUrl);
        WecomSender.Sealed sealed = wecom.seal(callback.encode());
        TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri(AibotRoutes.PATH + sealed.query()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(WecomSender.jsonBody(sealed))).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        processor.processWaiting(50);
        dispatcher.dispatchDue(50);
    }

    /** The markdown WeCom received through each response_code, in order. */
    private List<String> answers(String code) {
        List<String> out = new ArrayList<>();
        for (LoggedRequest r : wecomServer.findAll(postRequestedFor(urlPathEqualTo(RESPONSE_PATH)).withQueryParam("response_code", equalTo(code)))) {
            JsonObject body = new JsonObject(r.getBodyAsString());
            assertThat(body.getString("msgtype")).isEqualTo("markdown");
            out.add(body.getJsonObject("markdown").getString("content"));
        }
        return out;
    }

    private List<String> outboxRows() {
        List<String> rows = new ArrayList<>();
        try (var c = db.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT status, last_error FROM outbox WHERE audience = 'GROUP' AND target = ? ORDER BY id")) {
            ps.setString(1, "aibot:" + CHAT);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + (rs.getString(2) == null ? "" : ": " + rs.getString(2)));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Test
    void eachMentionIsAnsweredThroughItsOwnResponseUrlOnce() {
        mention("#反映 村委门口路灯坏了", responseUrl("RC1"));
        assertThat(answers("RC1")).singleElement().asString().contains("已登记工单 #");
        Matcher no = Pattern.compile("#(\\d+)").matcher(answers("RC1").get(0));
        assertThat(no.find()).isTrue();
        assertThat(outboxRows()).containsExactly("SENT");

        mention("认领 #" + no.group(1), responseUrl("RC2"));
        assertThat(answers("RC2")).singleElement().asString().contains("#" + no.group(1), "认领");
        assertThat(answers("RC1")).as("a response_url is used once").hasSize(1);

        // A mention whose response_url is not WeCom's is stored without it: its answer waits, held, with the reason.
        mention("办结 #" + no.group(1) + " 已更换灯泡", "https://elsewhere.example/r");
        assertThat(outboxRows()).last().asString().startsWith("HELD").contains("response_url");
        dispatcher.dispatchDue(50);
        assertThat(wecomServer.findAll(postRequestedFor(urlPathEqualTo(RESPONSE_PATH)))).hasSize(2);
    }

    @Test
    void aBusyWeComGetsTheSameAnswerAgainThroughTheSameUrl() {
        wecomServer.resetAll();
        wecomServer.stubFor(post(urlPathEqualTo(RESPONSE_PATH)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")).willSetStateTo("calm"));
        wecomServer.stubFor(post(urlPathEqualTo(RESPONSE_PATH)).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        mention("#反映 水渠堵了", responseUrl("RC-BUSY"));
        assertThat(outboxRows()).singleElement().asString().startsWith("PENDING").contains("45009");
        clock.advance(Duration.ofMinutes(2));
        dispatcher.dispatchDue(50);
        assertThat(answers("RC-BUSY")).hasSize(2).allSatisfy(a -> assertThat(a).contains("已登记工单"));
        assertThat(outboxRows()).containsExactly("SENT");
    }

    @Test
    void aRefusedOrStaleResponseUrlIsNotUsedAgain() {
        wecomServer.resetAll();
        wecomServer.stubFor(post(urlPathEqualTo(RESPONSE_PATH)).willReturn(okJson("{\"errcode\":600039,\"errmsg\":\"invalid response_code\"}")));
        mention("#反映 垃圾没人清", responseUrl("RC-BAD"));
        assertThat(outboxRows()).singleElement().asString().startsWith("PENDING").contains("600039");
        clock.advance(Duration.ofMinutes(2));
        dispatcher.dispatchDue(50);
        assertThat(answers("RC-BAD")).hasSize(1);
        assertThat(outboxRows()).singleElement().asString().startsWith("HELD");

        // Past the hour a response_url is not tried at all.
        wecomServer.resetAll();
        wecomServer.stubFor(post(urlPathEqualTo(RESPONSE_PATH)).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        JsonObject late = AibotRoutesTest.mention("ai-late", CHAT, "cadre-zhang", "@监群 #反映 桥栏杆松了", responseUrl("RC-LATE"));
        WecomSender.Sealed sealed = wecom.seal(late.encode());
        server.send(HttpRequest.newBuilder(server.uri(AibotRoutes.PATH + sealed.query()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(WecomSender.jsonBody(sealed))).build());
        clock.advance(Duration.ofMinutes(56));
        processor.processWaiting(50);
        dispatcher.dispatchDue(50);
        assertThat(answers("RC-LATE")).isEmpty();
        assertThat(outboxRows()).last().asString().startsWith("HELD");
    }
}
