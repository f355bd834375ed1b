package org.jianqun.core.operations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.OptionalInt;
import org.jianqun.core.desk.HolidayLoads;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.redis.RedisStore;

/**
 * {@code GET /health}: 200 only when both the database and Redis answer; the body names each, and says
 * which holiday years the calendar has and, from 1 November, that next year's is missing (a warning for
 * operators: the platform is still up, its deadlines into that year are provisional).
 */
public final class HealthRoutes implements ApiRoutes {
    private final Database database;
    private final RedisStore redis;
    private final HolidayLoads holidays;

    public HealthRoutes(Database database, RedisStore redis) {
        this(database, redis, null);
    }

    /** @param holidays the calendar's status for the body; null leaves it out */
    public HealthRoutes(Database database, RedisStore redis, HolidayLoads holidays) {
        this.database = database;
        this.redis = redis;
        this.holidays = holidays;
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        router.get("/health").handler(ctx -> health(ctx, blocking));
    }

    /** In memory only: the years with data, and the missing next year with its warning (null when none). */
    static JsonObject calendarStatus(HolidayLoads holidays) {
        OptionalInt missing = holidays.missingNextYear();
        return new JsonObject()
                .put("yearsWithData", new JsonArray(List.copyOf(holidays.calendar().yearsWithData())))
                .put("missingNextYear", missing.isPresent() ? missing.getAsInt() : null)
                .put("warning", holidays.warning().orElse(null));
    }

    private void health(RoutingContext ctx, BlockingWork blocking) {
        // Both checks at once, each bounded to about a second, so a dead Redis does not delay the database's answer.
        Future<Boolean> db = blocking.run(database::ping);
        Future<Boolean> kv = blocking.run(redis::ping);
        Future.join(db, kv).onComplete(done -> {
            boolean dbUp = db.succeeded() && db.result();
            boolean redisUp = kv.succeeded() && kv.result();
            boolean up = dbUp && redisUp;
            JsonObject body = new JsonObject()
                    .put("status", up ? "up" : "down")
                    .put("database", new JsonObject().put("up", dbUp))
                    .put("redis", new JsonObject().put("up", redisUp));
            if (holidays != null) {
                body.put("calendar", calendarStatus(holidays));
            }
            Responses.json(ctx, up ? 200 : 503, body);
        });
    }
}
