package org.jianqun.console.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jianqun.core.CoreServices;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.importing.ImportKind;
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

/**
 * A confidential ticket over HTTP for every role: the same 404 body as a missing number, for reading and
 * for every command (both sides of a merge); its office alone reads and works it; a command's answer
 * carries no words the caller may not read. The flag is set in SQL, as nothing but the desk sets it.
 */
class ConfidentialTicketApiTest {
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static final String VILLAGE = "359901100201";
    private static final String PASSWORD = "console-password";
    private static final String SECRET = "村主任虚报危房改造补贴十二万元";
    private static final long MISSING = 987_654_321L;
    private static final List<String> STRANGERS = List.of("villager", "cadre", "bookkeeper", "resident", "town", "county", "city",
            "county-jjw", "other-town-jjw", "admin");
    private static TestDatabase db;
    private static RedisStore redis;
    private static TestServer server;
    private static final Map<String, Long> IDS = new HashMap<>();
    private static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        CoreServices core = CoreServices.assemble(JianqunConfig.load(ConfigSource.of(Map.of())), CLOCK, db.database(), redis, HASHER);
        List<String> regions = new ArrayList<>(List.of(REGIONS));
        regions.add("359901101,西岭镇,town,359901");
        core.importer().importCsv(ImportKind.REGIONS, csv(regions.toArray(String[]::new)), null);
        String hash = HASHER.hash(PASSWORD);
        List<Person> people = List.of(
                new Person(null, "东岭村民", Role.VILLAGER, VILLAGE, null, null, "villager", hash),
                new Person(null, "东岭村干部", Role.VILLAGE_CADRE, VILLAGE, null, null, "cadre", hash),
                new Person(null, "东岭报账员", Role.BOOKKEEPER, VILLAGE, null, null, "bookkeeper", hash),
                new Person(null, "东岭驻村干部", Role.RESIDENT_CADRE, "359901100", null, null, "resident", hash),
                new Person(null, "东岭镇办事员", Role.TOWN_OFFICER, "359901100", null, null, "town", hash),
                new Person(null, "清源县办事员", Role.COUNTY_OFFICER, "359901", null, null, "county", hash),
                new Person(null, "示范市办事员", Role.CITY_OFFICER, "3599", null, null, "city", hash),
                new Person(null, "清源县纪委", Role.DISCIPLINE_OFFICER, "359901", null, null, "county-jjw", hash),
                new Person(null, "西岭镇纪委", Role.DISCIPLINE_OFFICER, "359901101", null, null, "other-town-jjw", hash),
                new Person(null, "东岭镇纪委", Role.DISCIPLINE_OFFICER, "359901100", null, null, "town-jjw", hash),
                new Person(null, "管理员", Role.ADMIN, null, null, null, "admin", hash));
        db.database().inTransaction(s -> {
            PersonMapper mapper = s.getMapper(PersonMapper.class);
            people.forEach(p -> mapper.insert(p, CLOCK.instant()));
            people.forEach(p -> IDS.put(p.username(), mapper.findByUsername(p.username()).id()));
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

    private static String token(String username) {
        return TOKENS.computeIfAbsent(username, u -> server.post("/api/v1/auth/login", null, "application/json",
                new JsonObject().put("username", u).put("password", PASSWORD).encode().getBytes(StandardCharsets.UTF_8)).json().getString("token"));
    }

    private static TestServer.Reply post(String who, String path, JsonObject body) {
        return server.post(path, token(who), "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject ok(TestServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static long register(String content) {
        return ok(post("cadre", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE).put("content", content)
                .put("complainantId", IDS.get("villager")))).getLong("no");
    }

    private static void flagConfidential(long no) {
        jdbc("UPDATE ticket SET confidential = TRUE WHERE no = " + no);
    }

    private static void jdbc(String sql) {
        try (Connection c = db.database().dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            assertThat(st.executeUpdate(sql)).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Audience and text of every outbox row about the ticket. */
    private static List<String[]> outbox(long no) {
        try (Connection c = db.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT audience, text FROM outbox WHERE ticket_no = ? ORDER BY id")) {
            ps.setLong(1, no);
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every command route with a body the form checks accept; {@code other} is an ordinary ticket (the other side of a merge). */
    private static Map<String, JsonObject> commands(long no, long other) {
        Map<String, JsonObject> all = new java.util.LinkedHashMap<>();
        all.put("/api/v1/tickets/" + no + "/claim", new JsonObject());
        all.put("/api/v1/tickets/" + no + "/resolve", new JsonObject().put("result", "已查实"));
        all.put("/api/v1/tickets/" + no + "/escalate", new JsonObject().put("reason", "需上级处理"));
        all.put("/api/v1/tickets/" + no + "/tier", new JsonObject().put("tier", "复杂"));
        all.put("/api/v1/tickets/" + no + "/urge", new JsonObject());
        all.put("/api/v1/tickets/" + no + "/rate", new JsonObject().put("rating", "满意"));
        all.put("/api/v1/tickets/" + no + "/reject", new JsonObject().put("reason", "不属实"));
        all.put("/api/v1/tickets/" + no + "/merge", new JsonObject().put("into", other));
        all.put("/api/v1/tickets/" + other + "/merge#into", new JsonObject().put("into", no));
        return all;
    }

    private static TestServer.Reply send(String who, String key, JsonObject body) {
        return post(who, key.replace("#into", ""), body);
    }

    @Test
    void everyRoleButItsOfficeGetsTheMissingTicketsExact404FromEveryRoute() {
        long other = register("村口路灯坏了");
        long secret = register(SECRET);
        flagConfidential(secret);
        List<String> hiddenCommands = new ArrayList<>(commands(secret, other).keySet());
        List<String> missingCommands = new ArrayList<>(commands(MISSING, other).keySet());
        for (String who : STRANGERS) {
            for (int i = 0; i < hiddenCommands.size(); i++) {
                TestServer.Reply hidden = send(who, hiddenCommands.get(i), commands(secret, other).get(hiddenCommands.get(i)));
                TestServer.Reply missing = send(who, missingCommands.get(i), commands(MISSING, other).get(missingCommands.get(i)));
                String what = who + " " + hiddenCommands.get(i);
                assertThat(hidden.status()).as(what + ": " + hidden.body()).isEqualTo(404);
                assertThat(missing.status()).as(what).isEqualTo(404);
                assertThat(hidden.body().replace("#" + secret, "#?")).as(what).isEqualTo(missing.body().replace("#" + MISSING, "#?"));
                assertThat(hidden.body()).doesNotContain(SECRET);
            }
            TestServer.Reply read = server.get("/api/v1/tickets/" + secret, token(who));
            TestServer.Reply readMissing = server.get("/api/v1/tickets/" + MISSING, token(who));
            assertThat(read.status()).as(who).isEqualTo(readMissing.status());
            assertThat(read.body().replace("#" + secret, "#?")).as(who).isEqualTo(readMissing.body().replace("#" + MISSING, "#?"));
            TestServer.Reply list = server.get("/api/v1/tickets?limit=200", token(who));
            assertThat(list.body()).as(who).doesNotContain(SECRET);
        }
        assertThat(outbox(secret)).as("no group, level or discipline notice").allSatisfy(m -> assertThat(m[0]).isEqualTo("COMPLAINANT"));
        assertThat(outbox(secret)).allSatisfy(m -> assertThat(m[1]).doesNotContain(SECRET));

        // Its office reads it, lists it, and works it from the console; the answer may carry its words.
        assertThat(ok(server.get("/api/v1/tickets/" + secret, token("town-jjw"))).getString("content")).isEqualTo(SECRET);
        assertThat(ok(server.get("/api/v1/tickets?limit=200", token("town-jjw"))).encode()).contains(SECRET);
        JsonObject claimed = ok(post("town-jjw", "/api/v1/tickets/" + secret + "/claim", new JsonObject()));
        assertThat(claimed.getString("handler")).isEqualTo("东岭镇纪委");
        assertThat(claimed.getString("content")).isEqualTo(SECRET);
        ok(post("town-jjw", "/api/v1/tickets/" + secret + "/urge", new JsonObject()));
        ok(post("town-jjw", "/api/v1/tickets/" + secret + "/tier", new JsonObject().put("tier", "复杂")));
        assertThat(post("town-jjw", "/api/v1/tickets/" + secret + "/merge", new JsonObject().put("into", other)).json().getString("rule"))
                .isEqualTo("MERGE_TARGET_VALID");
        assertThat(outbox(secret)).as("still none to a group or level").allSatisfy(m -> assertThat(m[0]).isEqualTo("COMPLAINANT"));
    }

    @Test
    void aCommandsAnswerCarriesNoWordsTheCallerMayNotRead() {
        long no = register("低保名单里有村干部的亲属");
        ok(post("cadre", "/api/v1/tickets/" + no + "/claim", new JsonObject()));
        ok(post("cadre", "/api/v1/tickets/" + no + "/resolve", new JsonObject().put("result", "已重新公示低保名单")));
        // The villager may rate but not read the console: where it stands, not what anyone wrote in it.
        JsonObject rated = ok(post("villager", "/api/v1/tickets/" + no + "/rate", new JsonObject().put("rating", "满意")));
        assertThat(rated.getString("state")).isEqualTo("closed");
        assertThat(rated.containsKey("content")).isFalse();
        assertThat(rated.containsKey("resolution")).isFalse();
        assertThat(rated.encode()).doesNotContain("低保名单里", "已重新公示");
        long urged = register("村里的垃圾没人清运");
        JsonObject byVillager = ok(post("villager", "/api/v1/tickets/" + urged + "/urge", new JsonObject()));
        assertThat(byVillager.getJsonObject("counts").getInteger("urged")).isEqualTo(1);
        assertThat(byVillager.encode()).doesNotContain("垃圾");
        assertThat(ok(post("cadre", "/api/v1/tickets/" + urged + "/urge", new JsonObject())).getString("content")).isEqualTo("村里的垃圾没人清运");
    }
}
