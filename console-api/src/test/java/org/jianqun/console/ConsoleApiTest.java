package org.jianqun.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jianqun.core.CoreServices;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.LoginThrottle;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.importing.TableFormat;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.jianqun.core.testing.XlsxFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The accounts and admin endpoints over real HTTP, on the real database and Redis (MariaDB and Redis in CI). */
class ConsoleApiTest {
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static TestDatabase db;
    private static RedisStore redis;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        JianqunConfig config = JianqunConfig.load(ConfigSource.of(Map.of("JIANQUN_SESSION_HOURS", "2")));
        CoreServices core = CoreServices.assemble(config, CLOCK, db.database(), redis, HASHER);
        core.importer().importCsv(org.jianqun.core.importing.ImportKind.REGIONS, csv(REGIONS), null);
        db.database().inTransaction(s -> {
            PersonMapper people = s.getMapper(PersonMapper.class);
            people.insert(new Person(null, "管理员", Role.ADMIN, null, null, null, "admin", HASHER.hash("admin-password")), CLOCK.instant());
            people.insert(new Person(null, "东岭镇办事员", Role.TOWN_OFFICER, "359901100", null, null, "town-officer", HASHER.hash("town-password")), CLOCK.instant());
            people.insert(new Person(null, "另一个县的办事员", Role.COUNTY_OFFICER, "359902", null, null, "other-county", HASHER.hash("other-password")), CLOCK.instant());
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

    @BeforeEach
    void forgetThrottles() {
        redis.sync().keys("jianqun:login-*").forEach(k -> redis.sync().del(k));
    }

    private static TestServer.Reply login(String username, String password) {
        return server.post("/api/v1/auth/login", null, "application/json",
                new JsonObject().put("username", username).put("password", password).encode().getBytes(StandardCharsets.UTF_8));
    }

    private static String token(String username, String password) {
        TestServer.Reply reply = login(username, password);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getString("token");
    }

    private static TestServer.Reply importCsv(String token, String kind, byte[] body) {
        return server.post("/api/v1/admin/import/" + kind, token, "text/csv; charset=utf-8", body);
    }

    @Test
    void loginMeAndLogout() {
        TestServer.Reply reply = login("town-officer", "town-password");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject body = reply.json();
        assertThat(body.getString("role")).isEqualTo("town_officer");
        assertThat(body.getString("scope")).isEqualTo("359901100");
        assertThat(Instant.parse(body.getString("expiresAt"))).isEqualTo(CLOCK.instant().plus(Duration.ofHours(2)));
        String token = body.getString("token");

        TestServer.Reply me = server.get("/api/v1/auth/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("name")).isEqualTo("东岭镇办事员");

        assertThat(server.post("/api/v1/auth/logout", token, null, new byte[0]).status()).isEqualTo(204);
        TestServer.Reply after = server.get("/api/v1/auth/me", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().getString("error")).isEqualTo("unauthorized");
    }

    @Test
    void badLoginsGetClearErrors() {
        TestServer.Reply wrong = login("town-officer", "nope-nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json()).isEqualTo(new JsonObject().put("error", "wrong_credentials").put("message", "用户名或密码错误"));

        TestServer.Reply notJson = server.post("/api/v1/auth/login", null, "application/json", "{username".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().getString("message")).contains("不是 JSON 对象");

        TestServer.Reply missing = server.post("/api/v1/auth/login", null, "application/json", "{\"username\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getString("message")).contains("'password'");

        TestServer.Reply tooLong = login("x".repeat(65), "pw");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().getString("message")).contains("'username'", "64");
    }

    /** Many threads at once over HTTP (real Redis): the throttle's check and count are one step, whatever the spelling. */
    @Test
    void fortyEightConcurrentWrongPasswordsAreCheckedAtMostFiveTimes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(48);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                String spelling = i % 3 == 0 ? "town-officer" : i % 3 == 1 ? "town-officer " : "\uFF54own-officer";
                String guess = "guess-" + i;
                statuses.add(pool.submit(() -> {
                    go.await();
                    return login(spelling, guess).status();
                }));
            }
            go.countDown();
            int checked = 0;
            for (Future<Integer> f : statuses) {
                int status = f.get(60, TimeUnit.SECONDS);
                assertThat(status).isIn(401, 429);
                checked += status == 401 ? 1 : 0;
            }
            assertThat(checked).isEqualTo(LoginThrottle.MAX_FAILURES);
        } finally {
            pool.shutdownNow();
        }
        assertThat(login("town-officer", "town-password").status()).isEqualTo(429);
    }

    @Test
    void aWrongPasswordTenTimesIsThrottled() {
        int throttled = 0;
        for (int i = 0; i < 10; i++) {
            TestServer.Reply r = login("town-officer", "guess-" + i);
            if (r.status() == 429) {
                throttled++;
                assertThat(r.json().getString("error")).isEqualTo("too_many_attempts");
                assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, LoginThrottle.WINDOW.toSeconds());
            } else {
                assertThat(r.status()).isEqualTo(401);
            }
        }
        assertThat(throttled).isEqualTo(10 - LoginThrottle.MAX_FAILURES);
        assertThat(login("town-officer", "town-password").status()).as("even the right password waits").isEqualTo(429);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = token("admin", "admin-password");
        assertThat(server.get("/api/v1/auth/me", token).status()).isEqualTo(200);
        CLOCK.advance(Duration.ofHours(2));
        TestServer.Reply expired = server.get("/api/v1/auth/me", token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().getString("message")).contains("登录已过期");
        assertThat(expired.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void missingOrMalformedTokens() {
        TestServer.Reply none = server.get("/api/v1/auth/me", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().getString("message")).contains("Authorization: Bearer");
        assertThat(server.get("/api/v1/auth/me", "x".repeat(500)).status()).isEqualTo(401);
    }

    @Test
    void aTownOfficerCannotCallAnAdminEndpoint() {
        String token = token("town-officer", "town-password");
        TestServer.Reply refused = importCsv(token, "regions", csv(REGIONS));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json()).isEqualTo(new JsonObject().put("error", "forbidden").put("message", "镇级干部无权导入区划、群和人员"));
    }

    @Test
    void regionsAreVisibleOnlyInsideTheScope() {
        String town = token("town-officer", "town-password");
        TestServer.Reply own = server.get("/api/v1/regions/359901100", town);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().getJsonArray("children")).hasSize(2);
        TestServer.Reply above = server.get("/api/v1/regions/359901", town);
        assertThat(above.status()).isEqualTo(403);
        assertThat(above.json().getString("error")).isEqualTo("out_of_scope");
        String other = token("other-county", "other-password");
        assertThat(server.get("/api/v1/regions/359901100201", other).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/regions/abc", town).status()).isEqualTo(400);
    }

    /** The stable English code for programs, Chinese words for the person reading the message. */
    private static void chinese(TestServer.Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().getString("error")).isEqualTo(error);
        String message = reply.json().getString("message");
        assertThat(message).as(message).containsPattern("\\p{IsHan}{2}").doesNotContainPattern("\\b(is|are|must|may|not|the|your)\\b");
        JsonArray errors = reply.json().getJsonArray("errors");
        if (errors != null) {
            errors.forEach(e -> assertThat(((JsonObject) e).getString("message")).containsPattern("\\p{IsHan}{2}")
                    .doesNotContainPattern("\\b(is|are|must|may|not|the|your)\\b"));
        }
    }

    @Test
    void everyErrorAPersonMayReadIsInChinese() {
        String town = token("town-officer", "town-password");
        String admin = token("admin", "admin-password");
        chinese(login("town-officer", "wrong-password"), 401, "wrong_credentials");
        chinese(server.get("/api/v1/auth/me", null), 401, "unauthorized");
        chinese(server.get("/api/v1/auth/me", "no-such-token"), 401, "unauthorized");
        chinese(importCsv(town, "regions", csv(REGIONS)), 403, "forbidden");
        chinese(server.get("/api/v1/regions/359901", town), 403, "out_of_scope");
        chinese(server.get("/api/v1/regions/35990", town), 400, "bad_request");
        chinese(server.get("/api/v1/regions/359901100299", admin), 404, "not_found");
        chinese(server.get("/api/v1/no-such-page", admin), 404, "not_found");
        chinese(importCsv(admin, "villages", csv(REGIONS)), 404, "unknown_import_kind");
        chinese(server.post("/api/v1/admin/import/regions", admin, "application/json", new byte[] {'{', '}'}), 415, "unsupported_media_type");
        chinese(importCsv(admin, "regions", csv("code,name,level,parent_code,mayor", "3599,示范市,city,,x")), 422, "invalid_csv");
        chinese(importCsv(admin, "regions", csv("code,name,level,parent_code", "35990,坏市,city,", "359901,,county,3599",
                "359903,山城县,province,3599", "359904100,孤镇,town,359904")), 422, "invalid_csv");
        chinese(importCsv(admin, "groups", csv("channel,group_id,village_code,name,purpose", "qq,g-1,359901100201,群,villagers",
                "bridge,g-2,359901100201,群,friends", "bridge,g-3,359901100,镇群,villagers", "bridge,g-4,359901100209,群,")), 422, "invalid_csv");
        chinese(importCsv(admin, "people", csv("name,role,scope_code,channel,channel_user_id,username,password",
                "张三,mayor,359901,,,,", "李四,town_officer,,,,li-si,initial-pass", "王五,town_officer,359901100,bridge,,,",
                "赵六,town_officer,359901100,,,zhao liu,initial-pass", "钱七,town_officer,359901100,,,qian-qi,short",
                "孙八,town_officer,359901,,,sun-ba,initial-pass")), 422, "invalid_csv");
        byte[] broken = {'c', 'o', 'd', 'e', '\n', (byte) 0x80, '\n'};
        chinese(importCsv(admin, "regions", broken), 422, "invalid_csv");
    }

    @Test
    void regionCodesAreReadInTheFormsPeopleCopy() {
        String admin = token("admin", "admin-password");
        for (String written : List.of("359900000000", "359900", "3599")) {
            TestServer.Reply city = server.get("/api/v1/regions/" + written, admin);
            assertThat(city.status()).as(written).isEqualTo(200);
            assertThat(city.json().getString("code")).isEqualTo("3599");
        }
        assertThat(server.get("/api/v1/regions/359901000000", admin).json().getString("code")).isEqualTo("359901");
        assertThat(server.get("/api/v1/regions/359901100000", admin).json().getString("code")).isEqualTo("359901100");
        String town = token("town-officer", "town-password");
        assertThat(server.get("/api/v1/regions/359901100000", town).status()).as("the town's own, written long").isEqualTo(200);
        TestServer.Reply bad = server.get("/api/v1/regions/35990", admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("error")).isEqualTo("bad_request");
        assertThat(bad.json().getString("message")).contains("350500", "350500000000", "350521000000", "350521100000", "350521100201");
    }

    @Test
    void importsByHttpAreAllOrNothingAndIdempotent() {
        String admin = token("admin", "admin-password");
        String groups = "channel,group_id,village_code,name\nbridge,g-1,359901100201,东岭村监督群🌾\n";
        TestServer.Reply first = importCsv(admin, "groups", groups.getBytes(StandardCharsets.UTF_8));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json()).isEqualTo(new JsonObject("{\"kind\":\"groups\",\"rows\":1,\"inserted\":1,\"updated\":0,\"unchanged\":0,"
                + "\"format\":\"csv\",\"encoding\":\"UTF-8\"}"));
        TestServer.Reply again = importCsv(admin, "groups", groups.getBytes(StandardCharsets.UTF_8));
        assertThat(again.json().getInteger("unchanged")).isEqualTo(1);
        assertThat(again.json().getInteger("inserted")).isZero();

        TestServer.Reply view = server.get("/api/v1/regions/359901100201", admin);
        assertThat(view.json().getJsonArray("groups").getJsonObject(0).getString("name")).isEqualTo("东岭村监督群🌾");

        long before = db.database().<Long>read(s -> s.getMapper(RegionMapper.class).count());
        TestServer.Reply bad = importCsv(admin, "regions", csv("code,name,level,parent_code,mayor",
                "359901100203,新村,village,359901100,张三"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().getString("error")).isEqualTo("invalid_csv");
        assertThat(bad.json().getJsonArray("errors")).isEqualTo(new JsonArray().add(new JsonObject()
                .put("line", 1).put("field", "mayor").put("message", "未知的列“mayor”；列应为 code,name,level,parent_code")));
        TestServer.Reply orphan = importCsv(admin, "regions", csv("code,name,level,parent_code",
                "359901100203,新村,village,359901100", "359901101201,孤村,village,359901101"));
        assertThat(orphan.status()).isEqualTo(422);
        assertThat(orphan.json().getJsonArray("errors").getJsonObject(0).getInteger("line")).isEqualTo(3);
        assertThat(db.database().<Long>read(s -> s.getMapper(RegionMapper.class).count())).as("nothing half-imported").isEqualTo(before);
    }

    @Test
    void excelsFilesImportOverHttpAndTheAnswerSaysHowTheyWereRead() {
        String admin = token("admin", "admin-password");
        byte[] gbk = "channel,group_id,village_code,name\nbridge,g-gbk,359901100201,东岭村议事群\n".getBytes(java.nio.charset.Charset.forName("GBK"));
        TestServer.Reply plainCsv = importCsv(admin, "groups", gbk);
        assertThat(plainCsv.status()).as(plainCsv.body()).isEqualTo(200);
        assertThat(plainCsv.json().getString("encoding")).isEqualTo("GB18030");
        assertThat(plainCsv.json().getInteger("inserted")).isEqualTo(1);

        byte[] book = XlsxFiles.xlsx(new Object[] {"channel", "group_id", "village_code", "name"},
                new Object[] {"bridge", "g-xlsx", 359901100202L, "上洋村监督群"});
        TestServer.Reply workbook = server.post("/api/v1/admin/import/groups", admin, TableFormat.XLSX.mediaType(), book);
        assertThat(workbook.status()).as(workbook.body()).isEqualTo(200);
        assertThat(workbook.json().getString("format")).isEqualTo("xlsx");
        assertThat(workbook.json().containsKey("encoding")).isFalse();
        assertThat(server.get("/api/v1/regions/359901100202", admin).json().getJsonArray("groups").getJsonObject(0).getString("name"))
                .isEqualTo("上洋村监督群");

        byte[] badBook = XlsxFiles.xlsx(new Object[] {"channel", "group_id", "village_code", "name"},
                new Object[] {"bridge", "g-bad", 359901100299L, "无此村群"});
        TestServer.Reply bad = server.post("/api/v1/admin/import/groups", admin, TableFormat.XLSX.mediaType(), badBook);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().getString("format")).isEqualTo("xlsx");
        assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getInteger("line")).isEqualTo(2);
        assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("village_code");
    }

    @Test
    void importRefusesWrongKindsTypesAndSizes() {
        String admin = token("admin", "admin-password");
        TestServer.Reply kind = importCsv(admin, "villages", csv(REGIONS));
        assertThat(kind.status()).isEqualTo(404);
        assertThat(kind.json().getString("error")).isEqualTo("unknown_import_kind");

        TestServer.Reply json = server.post("/api/v1/admin/import/regions", admin, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.json().getString("message")).contains("text/csv", "spreadsheetml", ".xlsx");

        TestServer.Reply notABook = server.post("/api/v1/admin/import/regions", admin, TableFormat.XLSX.mediaType(), csv(REGIONS));
        assertThat(notABook.status()).isEqualTo(422);
        assertThat(notABook.json().getJsonArray("errors").getJsonObject(0).getString("message")).contains("不是 .xlsx");

        // A 100 MB upload is refused by its declared length before the body is read.
        String head = server.rawPost("/api/v1/admin/import/people", admin, "text/csv", 100L * 1024 * 1024, 64 * 1024);
        assertThat(head).startsWith("HTTP/1.1 413").contains("payload_too_large");
        assertThat(server.get("/api/v1/auth/me", admin).status()).as("server still healthy").isEqualTo(200);
    }

}
