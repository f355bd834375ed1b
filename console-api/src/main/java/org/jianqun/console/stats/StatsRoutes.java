package org.jianqun.console.stats;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.statistics.CommonProblems;
import org.jianqun.core.statistics.Diligence;
import org.jianqun.core.statistics.Statistics;
import org.jianqun.core.statistics.StatisticsQuery;
import org.jianqun.core.statistics.StatisticsTable;

/**
 * {@code GET /api/v1/stats?scope=&from=&to=&by=village|town|category|level|month} and
 * {@code GET /api/v1/stats/diligence?scope=&month=} (DESIGN.md), JSON or, with {@code Accept: text/csv}, CSV
 * ({@code table=rows|categories|problems} picks the table; the rows end with a 合计 line).
 *
 * <p>Officers of town level and up and discipline officers only (403 for villagers and cadres, who hold no
 * {@code VIEW_STATISTICS}); a scope outside one's own is 403 {@code out_of_scope}; whose confidential tickets count
 * is {@link AccessPolicy#confidentialCountedFor}'s to say.
 */
public final class StatsRoutes {
    private final AuthService auth;
    private final Statistics statistics;
    private final Clock clock;

    public StatsRoutes(AuthService auth, Statistics statistics, Clock clock) {
        this.auth = auth;
        this.statistics = statistics;
        this.clock = clock;
    }

    public void mount(Router router, BlockingWork blocking) {
        Authentication.permitted(router.get("/api/v1/stats"), auth, blocking, Permission.VIEW_STATISTICS)
                .handler(ctx -> table(ctx, blocking));
        Authentication.permitted(router.get("/api/v1/stats/diligence"), auth, blocking, Permission.VIEW_STATISTICS)
                .handler(ctx -> diligence(ctx, blocking));
    }

    private void table(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        String scope = StatsParams.scope(ctx, by);
        Authentication.requireIn(ctx, Permission.VIEW_STATISTICS, scope);
        StatsParams.Period period = StatsParams.period(ctx, clock);
        StatisticsQuery query = new StatisticsQuery(scope, period.from(), period.to(), StatsParams.by(ctx),
                AccessPolicy.confidentialCountedFor(by));
        boolean csv = wantsCsv(ctx);
        String which = StatsParams.table(ctx);
        blocking.run(() -> {
            StatisticsTable t = statistics.table(query);
            Set<String> villages = new HashSet<>();
            for (CommonProblems.Problem p : t.commonProblems()) {
                villages.addAll(p.villageCodes());
            }
            Map<String, String> names = statistics.villageNames(scope, villages);
            return csv ? StatsCsv.table(t, which, names) : StatsJson.table(t, names);
        }).onSuccess(answer -> send(ctx, answer)).onFailure(ctx::fail);
    }

    private void diligence(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        String scope = StatsParams.scope(ctx, by);
        Authentication.requireIn(ctx, Permission.VIEW_STATISTICS, scope);
        YearMonth month = StatsParams.month(ctx, clock);
        Optional<String> office = AccessPolicy.confidentialCountedFor(by);
        boolean csv = wantsCsv(ctx);
        blocking.run(() -> {
            Diligence d = statistics.diligence(scope, month, office);
            return csv ? StatsCsv.diligence(d) : StatsJson.diligence(d);
        }).onSuccess(answer -> send(ctx, answer)).onFailure(ctx::fail);
    }

    private static boolean wantsCsv(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }

    private static void send(RoutingContext ctx, Object answer) {
        if (answer instanceof JsonObject json) {
            Responses.json(ctx, 200, json);
        } else if (!ctx.response().ended()) {
            ctx.response().setStatusCode(200).putHeader("Content-Type", StatsCsv.CONTENT_TYPE)
                    .putHeader("Content-Disposition", "attachment; filename=\"stats.csv\"").end((String) answer);
        }
    }
}
