package org.jianqun.core.operations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.redis.RedisStore;

/** {@code GET /health}: 200 only when both the database and Redis answer; the body names each. */
public final class HealthRoutes implements ApiRoutes {
    private final Database database;
    private final RedisStore redis;

    public HealthRoutes(Database database, RedisStore redis) {
        this.database = database;
        this.redis = redis;
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        router.get("/health").handler(ctx -> health(ctx, blocking));
    }

    private void health(RoutingContext ctx, BlockingWork blocking) {
        // Both checks at once, each bounded to about a second, so a dead Redis does not delay the database's answer.
        Future<Boolean> db = blocking.run(database::ping);
        Future<Boolean> kv = blocking.run(redis::ping);
        Future.join(db, kv).onComplete(done -> {
            boolean dbUp = db.succeeded() && db.result();
            boolean redisUp = kv.succeeded() && kv.result();
            boolean up = dbUp && redisUp;
            Responses.json(ctx, up ? 200 : 503, new JsonObject()
                    .put("status", up ? "up" : "down")
                    .put("database", new JsonObject().put("up", dbUp))
                    .put("redis", new JsonObject().put("up", redisUp)));
        });
    }
}
