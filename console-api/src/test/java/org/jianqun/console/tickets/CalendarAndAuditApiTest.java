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
import java.util.List;
import java.util.Map;
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
import org.jianqun.console.ConsoleApi;
import org.jianqun.console.ConsoleParts;
import org.jianqun.console.RecordedChatSide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deadline preview and the audit trail's verification over real HTTP. A class of its own because
 * the verification test tampers with the trail of its database.
 */
class CalendarAndAuditApiTest {
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static final String VILLAGE = "359901100201";
    private static final String PASSWORD = "audit-password";
    private static TestDatabase db;
    private static RedisStore redis;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        CoreServices core = CoreServices.assemble(JianqunConfig.load(ConfigSource.of(Map.of())), CLOCK, db.database(), redis, HASHER);
        core.importer().importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        String hash = HASHER.hash(PASSWORD);
        db.database().inTransaction(s -> {
            PersonMapper people = s.getMapper(PersonMapper.class);
            people.insert(new Person(null, "东岭村干部", Role.VILLAGE_CADRE, VILLAGE, null, null, "cadre", hash), CLOCK.instant());
            people.insert(new Person(null, "清源县纪委", Role.DISCIPLINE_OFFICER, "359901", null, null, "county-jjw", hash), CLOCK.instant());
            people.insert(new Person(null, "东岭镇办事员", Role.TOWN_OFFICER, "359901100", null, null, "town", hash), CLOCK.instant());
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
        TestServer.Reply reply = server.post("/api/v1/auth/login", null, "application/json",
                new JsonObject().put("username", username).put("password", PASSWORD).encode().getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getString("token");
    }

    private static TestServer.Reply post(String token, String path, JsonObject body) {
        return server.post(path, token, "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDeadlinePreviewCountsTheSpringFestivalAndItsMakeUpDay() {
        // Friday 2026-02-13: Saturday 02-14 is a make-up working day (1), 02-15..02-23 are off, then 02-24 (2) and 02-25 (3).
        TestServer.Reply reply = server.get("/api/v1/calendar/deadline?from=2026-02-13T10:00:00%2B08:00&workdays=3", null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().getString("deadline")).isEqualTo("2026-02-26T00:00:00+08:00");
        assertThat(reply.json().getString("text")).isEqualTo("2026-02-25 24:00");
        // The same instant in UTC, and with the '+' left unencoded (it arrives as a space), answer alike.
        assertThat(server.get("/api/v1/calendar/deadline?from=2026-02-13T02:00:00Z&workdays=3", null).json().getString("deadline"))
                .isEqualTo("2026-02-26T00:00:00+08:00");
        assertThat(server.get("/api/v1/calendar/deadline?from=2026-02-13T10:00:00+08:00&workdays=3", null).json().getString("deadline"))
                .isEqualTo("2026-02-26T00:00:00+08:00");
        // Late on Friday in Beijing is still Friday: the start day never counts.
        assertThat(server.get("/api/v1/calendar/deadline?from=2026-02-13T15:59:59Z&workdays=1", null).json().getString("deadline"))
                .isEqualTo("2026-02-15T00:00:00+08:00");
    }

    @Test
    void aDeadlineInAYearWithoutHolidayDataIsProvisional() {
        // From Wed 2026-12-30: Thu 12-31 (1); 2027 is not published, so by the weekend alone Fri 01-01 (2), Mon 01-04 (3).
        TestServer.Reply reply = server.get("/api/v1/calendar/deadline?from=2026-12-30T10:00:00%2B08:00&workdays=3", null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().getString("deadline")).isEqualTo("2027-01-05T00:00:00+08:00");
        assertThat(reply.json().getBoolean("provisional")).isTrue();
        assertThat(reply.json().getString("text")).startsWith("2027-01-04 24:00（暂定");
        assertThat(server.get("/api/v1/calendar/deadline?from=2026-02-13T10:00:00%2B08:00&workdays=3", null).json().getBoolean("provisional"))
                .isFalse();
    }

    @Test
    void badPreviewParametersAre400sNamingThem() {
        assertBad(server.get("/api/v1/calendar/deadline?workdays=3", null), "'from'");
        assertBad(server.get("/api/v1/calendar/deadline?from=yesterday&workdays=3", null), "'from'");
        assertBad(server.get("/api/v1/calendar/deadline?from=2026-02-13T10:00:00&workdays=3", null), "'from'", "时区");
        assertBad(server.get("/api/v1/calendar/deadline?from=2026-02-13T10:00:00Z", null), "'workdays'");
        assertBad(server.get("/api/v1/calendar/deadline?from=2026-02-13T10:00:00Z&workdays=0", null), "'workdays'", "1 到 60");
        assertBad(server.get("/api/v1/calendar/deadline?from=2026-02-13T10:00:00Z&workdays=61", null), "'workdays'");
        assertBad(server.get("/api/v1/calendar/deadline?from=2026-02-13T10:00:00Z&workdays=three", null), "'workdays'");
    }

    private static void assertBad(TestServer.Reply reply, String... parts) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().getString("error")).isEqualTo("bad_request");
        assertThat(reply.json().getString("message")).contains(parts);
    }

    @Test
    void verifyFindsAWholeTrailAndThenTheRowThatWasChanged() {
        String cadre = token("cadre");
        TestServer.Reply registered = post(cadre, "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE).put("content", "村务公开栏一年没更新"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        long no = registered.json().getLong("no");
        assertThat(post(cadre, "/api/v1/tickets/" + no + "/claim", new JsonObject()).status()).isEqualTo(200);
        assertThat(post(cadre, "/api/v1/tickets/" + no + "/reject", new JsonObject().put("reason", "想驳回")).status()).isEqualTo(409);

        String jjw = token("county-jjw");
        TestServer.Reply whole = post(jjw, "/api/v1/audit/verify", new JsonObject());
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.json()).isEqualTo(new JsonObject().put("ok", true).put("checked", 3).putNull("firstBad"));

        TestServer.Reply town = post(token("town"), "/api/v1/audit/verify", new JsonObject());
        assertThat(town.status()).isEqualTo(403);
        assertThat(town.json().getString("error")).isEqualTo("forbidden");
        assertThat(server.post("/api/v1/audit/verify", null, null, new byte[0]).status()).isEqualTo(401);

        long claimRow = auditId(no, "CLAIMED");
        try (Connection c = db.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE audit_event SET detail = 'x' WHERE id = ?")) {
            ps.setLong(1, claimRow);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        TestServer.Reply broken = post(jjw, "/api/v1/audit/verify", new JsonObject());
        assertThat(broken.status()).isEqualTo(200);
        JsonObject result = broken.json();
        assertThat(result.getBoolean("ok")).isFalse();
        assertThat(result.getLong("checked")).isEqualTo(2);
        JsonObject firstBad = result.getJsonObject("firstBad");
        assertThat(firstBad.getLong("id")).isEqualTo(claimRow);
        assertThat(firstBad.getString("chain")).isEqualTo("359901");
        assertThat(firstBad.getLong("seq")).isEqualTo(2);
        assertThat(firstBad.getString("problem")).contains("changed");
    }

    private static long auditId(long ticketNo, String type) {
        try (Connection c = db.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM audit_event WHERE ticket_no = ? AND type = ?")) {
            ps.setLong(1, ticketNo);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
