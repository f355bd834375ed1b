package org.jianqun.console.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Holiday data over real HTTP, at the turn of 2026: the 1 November warning, a provisional deadline in the
 * ticket API, loading 2027 (and what a bad file is told), and the ticket's deadline after it. In order: the load
 * changes the calendar for the tests after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HolidayRoutesTest {
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);
    /** Thu 2026-12-31 10:00 +08:00. */
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-31T02:00:00Z"));
    private static final String VILLAGE = "359901100201";
    private static final String PASSWORD = "holiday-password";
    private static final String NOTICE_2027 = "{\"year\":2027,\"papers\":[],\"days\":[{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":true}]}";
    private static TestDatabase db;
    private static RedisStore redis;
    private static TestServer server;
    private static long ticketNo;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        CoreServices core = CoreServices.assemble(JianqunConfig.load(ConfigSource.of(Map.of())), CLOCK, db.database(), redis, HASHER);
        core.importer().importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        String hash = HASHER.hash(PASSWORD);
        db.database().inTransaction(s -> {
            PersonMapper people = s.getMapper(PersonMapper.class);
            people.insert(new Person(null, "平台管理员", Role.ADMIN, null, null, null, "admin", hash), CLOCK.instant());
            people.insert(new Person(null, "清源县管理员", Role.ADMIN, "359901", null, null, "county-admin", hash), CLOCK.instant());
            people.insert(new Person(null, "东岭村干部", Role.VILLAGE_CADRE, VILLAGE, null, null, "cadre", hash), CLOCK.instant());
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
        return server.login(username, PASSWORD);
    }

    private static TestServer.Reply upload(String who, String path, String body) {
        return server.post(path, token(who), "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void fromTheFirstOfNovemberTheAdministratorIsWarnedThatNextYearIsMissing() {
        TestServer.Reply reply = server.get("/api/v1/admin/holidays", token("admin"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().getInteger("missingNextYear")).isEqualTo(2027);
        assertThat(reply.json().getString("warning")).startsWith("2027 年节假日安排尚未载入");
        assertThat(reply.json().getJsonArray("yearsWithData").encode()).isEqualTo("[2024,2025,2026]");
        assertThat(reply.json().getJsonArray("loaded")).isEmpty();
        assertThat(server.get("/api/v1/admin/holidays", token("cadre")).status()).isEqualTo(403);
        TestServer.Reply county = server.get("/api/v1/admin/holidays", token("county-admin"));
        assertThat(county.status()).isEqualTo(403);
        assertThat(county.json().getString("message")).contains("全平台管理员");
    }

    @Test
    @Order(2)
    void aTicketRegisteredOnNewYearsEveShowsAProvisionalDeadline() {
        TestServer.Reply made = server.post("/api/v1/tickets", token("cadre"), "application/json",
                new JsonObject().put("villageCode", VILLAGE).put("content", "村口路灯坏了").encode().getBytes(StandardCharsets.UTF_8));
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        ticketNo = made.json().getLong("no");
        JsonObject ticket = server.get("/api/v1/tickets/" + ticketNo, token("cadre")).json();
        assertThat(ticket.getString("deadline")).isEqualTo("2027-01-02T00:00:00+08:00");
        assertThat(ticket.getBoolean("deadlineProvisional")).isTrue();
        assertThat(ticket.getString("deadlineText")).startsWith("2027-01-01 24:00（暂定");
    }

    @Test
    @Order(3)
    void aBadFileIs400NamingWhatIsWrongAndNothingIsLoaded() {
        assertBad(upload("admin", "/api/v1/admin/holidays/2027", "{\"year\":2028,\"days\":[]}"), "\"year\" 应为 2027");
        assertBad(upload("admin", "/api/v1/admin/holidays/2027", "{\"year\":2027,\"days\":[{\"date\":\"2026-12-31\",\"isOffDay\":true}]}"),
                "days[0]", "不在 2027 年内");
        assertBad(upload("admin", "/api/v1/admin/holidays/2027", "{\"year\":2027,\"days\":[{\"date\":\"2027-02-30\",\"isOffDay\":true}]}"),
                "2027-02-30");
        assertBad(upload("admin", "/api/v1/admin/holidays/2027", "{\"year\":2027,\"days\":[]}"), "尚未发布");
        assertBad(upload("admin", "/api/v1/admin/holidays/2027", "not json"), "不是有效的 JSON");
        assertBad(upload("admin", "/api/v1/admin/holidays/27", NOTICE_2027), "四位数字");
        TestServer.Reply csv = server.post("/api/v1/admin/holidays/2027", token("admin"), "text/csv", NOTICE_2027.getBytes(StandardCharsets.UTF_8));
        assertThat(csv.status()).isEqualTo(415);
        assertThat(upload("cadre", "/api/v1/admin/holidays/2027", NOTICE_2027).status()).isEqualTo(403);
        assertThat(upload("county-admin", "/api/v1/admin/holidays/2027", NOTICE_2027).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/admin/holidays", token("admin")).json().getInteger("missingNextYear")).isEqualTo(2027);
    }

    @Test
    @Order(4)
    void loading2027MovesTheProvisionalDeadlineAndSaysSoInTheTrail() {
        CLOCK.advance(Duration.ofHours(1));
        TestServer.Reply loaded = upload("admin", "/api/v1/admin/holidays/2027", NOTICE_2027);
        assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
        assertThat(loaded.json()).isEqualTo(new JsonObject().put("year", 2027).put("days", 1).put("ticketsLooked", 1).put("deadlinesMoved", 1));

        JsonObject ticket = server.get("/api/v1/tickets/" + ticketNo, token("cadre")).json();
        assertThat(ticket.getString("deadline")).isEqualTo("2027-01-05T00:00:00+08:00");
        assertThat(ticket.getBoolean("deadlineProvisional")).isFalse();
        assertThat(ticket.getJsonArray("events").stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals("deadline_moved")))
                .singleElement().satisfies(e -> assertThat(e.getString("detail"))
                        .isEqualTo("2027 年节假日安排已载入，认领期限由 2027-01-01 24:00（暂定） 调整为 2027-01-04 24:00"));

        JsonObject status = server.get("/api/v1/admin/holidays", token("admin")).json();
        assertThat(status.getValue("missingNextYear")).isNull();
        assertThat(status.getValue("warning")).isNull();
        assertThat(status.getJsonArray("yearsWithData").encode()).isEqualTo("[2024,2025,2026,2027]");
        assertThat(status.getJsonArray("loaded").getJsonObject(0).getString("loadedBy")).startsWith("平台管理员");
        JsonObject preview = server.get("/api/v1/calendar/deadline?from=2026-12-31T10:00:00%2B08:00&workdays=1", null).json();
        assertThat(preview.getString("deadline")).isEqualTo("2027-01-05T00:00:00+08:00");
        assertThat(preview.getBoolean("provisional")).isFalse();
    }

    private static void assertBad(TestServer.Reply reply, String... parts) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().getString("error")).isEqualTo("invalid_holiday_file");
        assertThat(reply.json().getString("message")).contains(parts);
    }
}
