package org.jianqun.miniapp;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.polls.Poll;
import org.jianqun.core.polls.PollDraft;
import org.jianqun.core.polls.PollOutcome;
import org.jianqun.core.polls.Polls;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Polls on the phone: one vote per user (a second is refused), a vote outside the poll's scope or times is refused,
 * bad choices are named, a comment the content check did not pass is never shown to other villagers, and the poll is
 * announced once into each villagers' group of its scope (a POLL broadcast).
 */
class PollVoteApiTest {
    private static final Actor TOWN_OFFICER = new Actor(900, "东岭镇办事员", Role.TOWN_OFFICER, "359901100");
    private static MiniappFixture fixture;
    private static Polls polls;

    @BeforeAll
    static void start() {
        fixture = new MiniappFixture(List.of());
        polls = new Polls(fixture.db.database(), fixture.clock);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Poll poll(String scope, Duration opensIn, Duration open, boolean comments) {
        Instant opens = fixture.clock.instant().plus(opensIn);
        PollOutcome<Poll> made = polls.create(TOWN_OFFICER, new PollDraft("村道硬化先修哪一段？", "single", List.of("东段", "西段"), comments, scope,
                opens, opens.plus(open), "live"));
        assertThat(made).as("%s", made).isInstanceOf(PollOutcome.Done.class);
        return ((PollOutcome.Done<Poll>) made).value();
    }

    private static String villager(String openid, String village) {
        String token = fixture.token(openid);
        assertThat(fixture.putJson("/miniapp/v1/me/village", token, new JsonObject().put("villageCode", village)).status()).isEqualTo(200);
        return token;
    }

    private static TestServer.Reply vote(String token, long poll, JsonArray choices, String comment) {
        JsonObject body = new JsonObject().put("choices", choices);
        if (comment != null) {
            body.put("comment", comment);
        }
        return fixture.postJson("/miniapp/v1/polls/" + poll + "/votes", token, body);
    }

    private static List<String> announcements(long poll) {
        try (Connection c = fixture.db.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT audience, target, broadcast, text FROM outbox WHERE delivery_id LIKE ? ORDER BY target")) {
            ps.setString(1, "poll-" + poll + "-%");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void oneVoteEachInsideTheScopeAndTimesAndOnlyPassedCommentsShownToOthers() {
        fixture.wechat.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check")).atPriority(5)
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"suggest\":\"pass\",\"label\":100}}")));
        fixture.wechat.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("risky-words"))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"suggest\":\"risky\",\"label\":20001}}")));
        Poll townWide = poll("359901100", Duration.ofHours(-1), Duration.ofDays(2), true);
        Poll otherVillage = poll("359901100202", Duration.ofHours(-1), Duration.ofDays(2), false);
        Poll later = poll("359901100", Duration.ofDays(1), Duration.ofDays(2), false);

        assertThat(announcements(townWide.id())).containsExactly(
                "VILLAGERS 359901100201 POLL 【民意调查】村道硬化先修哪一段？（单选，2026-03-02 08:00 至 2026-03-04 08:00）请在小程序中参与：pages/polls/detail?id=" + townWide.id(),
                "VILLAGERS 359901100202 POLL 【民意调查】村道硬化先修哪一段？（单选，2026-03-02 08:00 至 2026-03-04 08:00）请在小程序中参与：pages/polls/detail?id=" + townWide.id());
        assertThat(announcements(otherVillage.id())).hasSize(1);

        String a = villager("voter-a", "359901100201");
        String b = villager("voter-b", "359901100201");
        TestServer.Reply listed = fixture.server.get("/miniapp/v1/polls", a);
        assertThat(listed.json().getJsonArray("polls").stream().map(p -> ((JsonObject) p).getLong("id")))
                .as("its town's, not another village's, not one not yet open").containsExactly(townWide.id());

        assertThat(vote(a, townWide.id(), new JsonArray().add(3), null).json().getString("error")).isEqualTo("invalid_choices");
        assertThat(vote(a, townWide.id(), new JsonArray().add(1).add(2), null).json().getString("error")).isEqualTo("invalid_choices");
        TestServer.Reply first = vote(a, townWide.id(), new JsonArray().add(1), "先修东段，学生上学要走");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        TestServer.Reply second = vote(a, townWide.id(), new JsonArray().add(2), null);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().getString("error")).isEqualTo("already_voted");
        assertThat(vote(b, townWide.id(), new JsonArray().add(2), "risky-words here").status()).isEqualTo(201);

        TestServer.Reply outside = vote(a, otherVillage.id(), new JsonArray().add(1), null);
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.json().getString("error")).isEqualTo("poll_outside_scope");
        TestServer.Reply notOpen = vote(a, later.id(), new JsonArray().add(1), null);
        assertThat(notOpen.status()).isEqualTo(409);
        assertThat(notOpen.json().getString("error")).isEqualTo("poll_not_open");

        JsonObject seen = fixture.server.get("/miniapp/v1/polls/" + townWide.id(), b).json();
        assertThat(seen.getJsonArray("myChoices")).containsExactly(2);
        assertThat(seen.getJsonObject("results").getLong("voters")).isEqualTo(2);
        assertThat(seen.getJsonObject("results").getJsonArray("perOption")).containsExactly(1, 1);
        assertThat(seen.getJsonObject("results").getJsonArray("comments")).as("the risky one is never shown to others")
                .containsExactly("先修东段，学生上学要走");

        fixture.clock.advance(Duration.ofDays(3));
        String c = villager("voter-c", "359901100201");
        TestServer.Reply closed = vote(c, townWide.id(), new JsonArray().add(1), null);
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().getString("error")).isEqualTo("poll_closed");
        assertThat(polls.resultsFor(TOWN_OFFICER, townWide.id())).isInstanceOfSatisfying(PollOutcome.Done.class, done -> {
            @SuppressWarnings("unchecked")
            var results = ((PollOutcome.Done<java.util.Map.Entry<Poll, org.jianqun.core.polls.PollResults>>) done).value().getValue();
            assertThat(results.byVillage()).containsOnlyKeys("359901100201");
            assertThat(results.comments()).extracting(cm -> cm.verdict().wire()).containsExactlyInAnyOrder("pass", "risky");
        });
    }
}
