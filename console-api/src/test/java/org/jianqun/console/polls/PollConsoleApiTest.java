package org.jianqun.console.polls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jianqun.console.ConsoleApi;
import org.jianqun.console.ConsoleParts;
import org.jianqun.console.RecordedChatSide;
import org.jianqun.core.CoreServices;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.polls.CommentVerdict;
import org.jianqun.core.polls.PollOutcome;
import org.jianqun.core.polls.Polls;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A town officer creates a poll of their town and reads its results by village; nobody else may, nor for a wider scope. */
class PollConsoleApiTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static TestDatabase db;
    private static RedisStore redis;
    private static TestServer server;
    private static CoreServices core;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        core = CoreServices.assemble(JianqunConfig.load(ConfigSource.of(Map.of())), CLOCK, db.database(), redis, new PasswordHasher(10_000));
        core.importer().importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        core.importer().importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "东岭镇办事员,town_officer,359901100,,,town,poll-password", "东岭村干部,village_cadre,359901100201,,,cadre,poll-password"), null);
        server = TestServer.start(List.of(new ConsoleApi(ConsoleParts.of(core, new RecordedChatSide()))));
    }

    @AfterAll
    static void stop() {
        server.close();
        redis.close();
        db.close();
    }

    private static String token(String user) {
        return server.post("/api/v1/auth/login", null, "application/json", new JsonObject().put("username", user).put("password", "poll-password")
                .encode().getBytes(StandardCharsets.UTF_8)).json().getString("token");
    }

    private static TestServer.Reply create(String user, JsonObject body) {
        return server.post("/api/v1/polls", token(user), "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject poll(String scope) {
        return new JsonObject().put("question", "村道硬化先修哪一段？").put("kind", "multiple").put("options", new JsonArray().add("东段").add("西段").add("北段"))
                .put("commentAllowed", true).put("scopeCode", scope).put("opensAt", "2026-03-02T08:00:00+08:00")
                .put("closesAt", "2026-03-09T18:00:00+08:00").put("resultsShown", "after_closing");
    }

    @Test
    void aTownOfficerCreatesAPollOfTheTownAndReadsItsResultsByVillage() {
        TestServer.Reply made = create("town", poll("359901100"));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long id = made.json().getLong("id");

        assertThat(create("town", poll("359901")).status()).as("the county is not the town officer's").isEqualTo(403);
        assertThat(create("cadre", poll("359901100201")).status()).as("a village cadre runs no polls").isEqualTo(403);
        TestServer.Reply oneOption = create("town", poll("359901100").put("options", new JsonArray().add("东段")));
        assertThat(oneOption.status()).isEqualTo(422);
        assertThat(oneOption.json().getString("field")).isEqualTo("options");
        TestServer.Reply badTime = create("town", poll("359901100").put("closesAt", "next week"));
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().getString("field")).isEqualTo("closesAt");

        Polls polls = new Polls(db.database(), CLOCK);
        assertThat(polls.vote(new Polls.Voter(501, java.util.Optional.of("359901100201")), id, List.of(1, 3), "北段也要修", CommentVerdict.PASS))
                .isInstanceOf(PollOutcome.Done.class);
        assertThat(polls.vote(new Polls.Voter(502, java.util.Optional.of("359901100202")), id, List.of(2), null, CommentVerdict.PENDING))
                .isInstanceOf(PollOutcome.Done.class);

        TestServer.Reply results = server.get("/api/v1/polls/" + id + "/results", token("town"));
        assertThat(results.status()).as(results.body()).isEqualTo(200);
        JsonObject r = results.json().getJsonObject("results");
        assertThat(r.getLong("voters")).isEqualTo(2);
        assertThat(r.getJsonArray("perOption")).containsExactly(1, 1, 1);
        assertThat(r.getJsonObject("byVillage").getJsonObject("359901100201").getJsonArray("perOption")).containsExactly(1, 0, 1);
        assertThat(r.getJsonObject("byVillage").getJsonObject("359901100202").getLong("voters")).isEqualTo(1);
        assertThat(r.getJsonArray("comments").getJsonObject(0).getString("check")).isEqualTo("pass");
        assertThat(server.get("/api/v1/polls/" + id + "/results", token("cadre")).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/polls", token("town")).json().getJsonArray("polls")).hasSize(1);
    }
}
