package org.jianqun.core.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jianqun.core.redis.EmbeddedRedis;
import org.jianqun.core.redis.RedisStore;
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
