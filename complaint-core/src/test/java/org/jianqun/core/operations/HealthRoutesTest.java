package org.jianqun.core.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.HolidayLoads;
import org.jianqun.core.redis.EmbeddedRedis;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.Test;

/** /health over real HTTP; Redis here is a server of the test's own so that it can be stopped. */
class HealthRoutesTest {
    @Test
    void healthTurns503WhenRedisStopsAndBackWhenItReturns() {
        try (TestDatabase db = TestDatabase.fresh(); EmbeddedRedis redisServer = EmbeddedRedis.start();
             RedisStore redis = RedisStore.connect(redisServer.uri());
             TestServer server = TestServer.start(List.of(new HealthRoutes(db.database(), redis)))) {
            TestServer.Reply up = server.get("/health", null);
            assertThat(up.status()).isEqualTo(200);
            assertThat(up.json()).isEqualTo(new JsonObject("{\"status\":\"up\",\"database\":{\"up\":true},\"redis\":{\"up\":true}}"));
            assertThat(up.header("X-Request-Id")).isNotBlank();

            redisServer.stop();
            TestServer.Reply down = server.get("/health", null);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json()).isEqualTo(new JsonObject("{\"status\":\"down\",\"database\":{\"up\":true},\"redis\":{\"up\":false}}"));
        }
    }

    @Test
    void healthTurns503WhenTheDatabaseIsGone() {
        TestDatabase db = TestDatabase.fresh();
        try (EmbeddedRedis redisServer = EmbeddedRedis.start(); RedisStore redis = RedisStore.connect(redisServer.uri());
             TestServer server = TestServer.start(List.of(new HealthRoutes(db.database(), redis)))) {
            db.close();
            TestServer.Reply down = server.get("/health", null);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().getJsonObject("database").getBoolean("up")).isFalse();
            assertThat(down.json().getJsonObject("redis").getBoolean("up")).isTrue();
        }
    }

    @Test
    void fromTheFirstOfNovemberHealthSaysNextYearsHolidaysAreMissingAndStaysUp() {
        MutableClock clock = new MutableClock(Instant.parse("2026-10-31T15:59:00Z")); // 31 October 23:59 in Beijing
        try (TestDatabase db = TestDatabase.fresh(); RedisStore redis = org.jianqun.core.testing.TestRedis.fresh()) {
            HolidayLoads holidays = new HolidayLoads(db.database(), WorkingDayCalendar.shipped(), clock);
            try (TestServer server = TestServer.start(List.of(new HealthRoutes(db.database(), redis, holidays)))) {
                assertThat(server.get("/health", null).json().getJsonObject("calendar").getValue("missingNextYear")).isNull();
                clock.advance(Duration.ofMinutes(1));
                TestServer.Reply up = server.get("/health", null);
                assertThat(up.status()).isEqualTo(200);
                JsonObject calendar = up.json().getJsonObject("calendar");
                assertThat(calendar.getJsonArray("yearsWithData").encode()).isEqualTo("[2024,2025,2026]");
                assertThat(calendar.getInteger("missingNextYear")).isEqualTo(2027);
                assertThat(calendar.getString("warning")).startsWith("2027 年节假日安排尚未载入");
            }
        }
    }

    @Test
    void unknownPathsAnswerJson() {
        try (TestDatabase db = TestDatabase.fresh(); RedisStore redis = org.jianqun.core.testing.TestRedis.fresh();
             TestServer server = TestServer.start(List.of(new HealthRoutes(db.database(), redis)))) {
            TestServer.Reply missing = server.get("/nowhere", null);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().getString("error")).isEqualTo("not_found");
            assertThat(missing.header("Content-Type")).startsWith("application/json");
        }
    }
}
