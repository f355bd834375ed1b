package org.jianqun.console.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jianqun.console.ConsoleApi;
import org.jianqun.console.ConsoleParts;
import org.jianqun.console.RecordedChatSide;
import org.jianqun.core.CoreServices;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the web console reads beside the ticket: the detail's {@code commands} (the buttons an officer gets), the
 * list's {@code warning} filter, and the category list. The clock starts Monday 2026-03-02 09:00 (+08:00).
 */
class TicketCommandsAndFiltersTest {
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static final String VILLAGE = "359901100201";
    private static final String PASSWORD = "console-password";
    private static TestDatabase db;
    private static RedisStore redis;
    private static TestServer server;
    private static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        CoreServices core = CoreServices.assemble(JianqunConfig.load(ConfigSource.of(Map.of())), CLOCK, db.database(), redis, HASHER);
        core.importer().importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        String hash = HASHER.hash(PASSWORD);
        List<Person> people = List.of(
                new Person(null, "东岭村干部", Role.VILLAGE_CADRE, VILLAGE, null, null, "cadre", hash),
                new Person(null, "东岭村民", Role.VILLAGER, VILLAGE, null, null, "villager", hash),
                new Person(null, "东岭镇办事员", Role.TOWN_OFFICER, "359901100", null, null, "town", hash),
                new Person(null, "东岭镇纪委", Role.DISCIPLINE_OFFICER, "359901100", null, null, "town-jjw", hash));
        db.database().inTransaction(s -> {
            PersonMapper mapper = s.getMapper(PersonMapper.class);
            people.forEach(p -> mapper.insert(p, CLOCK.instant()));
            return null;
        });
        server = TestServer.start(List.of(new ConsoleApi(ConsoleParts.of(core, new RecordedChatSide()))));
    }

    @AfterAll
    static void stop() {
        server.close();
        redis.close();
        db.close();
    }

    private static String token(String who) {
        return TOKENS.computeIfAbsent(who, u -> {
            TestServer.Reply reply = server.post("/api/v1/auth/login", null, "application/json",
                    new JsonObject().put("username", u).put("password", PASSWORD).encode().getBytes(StandardCharsets.UTF_8));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return reply.json().getString("token");
        });
    }

    private static JsonObject ok(TestServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonObject post(String who, String path, JsonObject body) {
        return ok(server.post(path, token(who), "application/json", body.encode().getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> commands(String who, long no) {
        return ok(server.get("/api/v1/tickets/" + no, token(who))).getJsonArray("commands").stream().map(String::valueOf).toList();
    }

    private static List<Long> listed(String who, String query) {
        JsonArray tickets = ok(server.get("/api/v1/tickets?" + query, token(who))).getJsonArray("tickets");
        return tickets.stream().map(t -> ((JsonObject) t).getLong("no")).toList();
    }

    @Test
    void theDetailListsTheCommandsTheCallerMayUseNow() {
        long no = post("villager", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE).put("content", "村口路灯坏了")).getLong("no");
        // The village's handler: everything a handler does to an open ticket, and 分类; never 驳回 (a village may not
        // dismiss what is said about it) nor 评价 (the complainant's).
        assertThat(commands("cadre", no)).containsExactly("claim", "escalate", "tier", "urge", "merge", "category");
        // The town supervises a village ticket: it may urge it, not handle or reject it (that comes with escalation).
        assertThat(commands("town", no)).containsExactly("urge");
        assertThat(commands("town-jjw", no)).containsExactly("urge", "merge", "reject");

        post("cadre", "/api/v1/tickets/" + no + "/claim", new JsonObject());
        assertThat(commands("cadre", no)).containsExactly("resolve", "escalate", "tier", "urge", "merge", "category");
        post("cadre", "/api/v1/tickets/" + no + "/resolve", new JsonObject().put("result", "已修好"));
        // Resolved: only the complainant's rating is owed, and the category may still be corrected.
        assertThat(commands("cadre", no)).containsExactly("category");
        assertThat(commands("town", no)).isEmpty();
    }

    @Test
    void theListFiltersByWarning() {
        long calm = post("villager", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE).put("content", "水渠堵了")).getLong("no");
        assertThat(listed("cadre", "warning=none")).contains(calm);
        assertThat(listed("cadre", "warning=red")).doesNotContain(calm);
        // Two working days on, the claim deadline (1 working day) has passed: no longer "none".
        // Sessions last 12 hours by the platform clock: moving it on two days ends them, so log in afresh each way.
        CLOCK.advance(Duration.ofDays(2));
        TOKENS.clear();
        try {
            assertThat(listed("cadre", "warning=none")).doesNotContain(calm);
            String colour = ok(server.get("/api/v1/tickets/" + calm, token("cadre"))).getString("warning");
            assertThat(colour).isNotEqualTo("none");
            assertThat(listed("cadre", "warning=" + colour)).contains(calm);
            assertThat(listed("cadre", "warning=" + colour + "&limit=1")).hasSize(1);
        } finally {
            CLOCK.advance(Duration.ofDays(-2));
            TOKENS.clear();
        }
        TestServer.Reply bad = server.get("/api/v1/tickets?warning=purple", token("cadre"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("message")).contains("'warning'", "none|yellow|orange|red");
    }

    @Test
    void theCategoriesAreTheStoredList() {
        JsonArray categories = ok(server.get("/api/v1/ticket-categories", token("cadre"))).getJsonArray("categories");
        assertThat(categories.stream().map(String::valueOf).toList()).startsWith("基础设施", "环境卫生").contains("其他");
        assertThat(server.get("/api/v1/ticket-categories", token("villager")).status()).isEqualTo(403);
    }
}
