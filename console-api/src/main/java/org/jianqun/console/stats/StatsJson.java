package org.jianqun.console.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.OptionalDouble;
import org.jianqun.core.statistics.CommonProblems;
import org.jianqun.core.statistics.Diligence;
import org.jianqun.core.statistics.DiligencePart;
import org.jianqun.core.statistics.Figures;
import org.jianqun.core.statistics.StatisticsTable;
import org.jianqun.core.statistics.TallyCounts;
import org.jianqun.core.statistics.TicketTally;

/** The statistics as JSON: shares are 0..1 with four decimals (null without a basis), averages two. */
final class StatsJson {
    private StatsJson() {
    }

    static JsonObject table(StatisticsTable t, Map<String, String> villageNames) {
        JsonArray rows = new JsonArray();
        t.rows().forEach(r -> rows.add(figures(r.figures()).put("key", r.key()).put("name", r.name())));
        JsonArray top = new JsonArray();
        t.topCategories().forEach(r -> top.add(new JsonObject().put("category", r.key()).put("registered", r.counts().registered())));
        JsonArray problems = new JsonArray();
        for (CommonProblems.Problem p : t.commonProblems()) {
            JsonArray villages = new JsonArray();
            p.villageCodes().forEach(code -> villages.add(new JsonObject().put("code", code).put("name", villageNames.getOrDefault(code, code))));
            problems.add(new JsonObject().put("words", new JsonArray(p.words().stream().toList())).put("category", p.category())
                    .put("tickets", p.tickets()).put("villages", villages).put("ticketNos", new JsonArray(p.ticketNos())));
        }
        return new JsonObject()
                .put("scope", t.query().scope()).put("from", t.query().from().toString()).put("to", t.query().to().toString())
                .put("by", t.query().by().wireName())
                .put("withinWorkingDays", TicketTally.RESOLVED_WITHIN_WORKING_DAYS)
                .put("totals", figures(t.totalFigures()))
                .put("rows", rows)
                .put("topCategories", top)
                .put("commonProblems", problems)
                .put("similarity", new JsonObject().put("name", "jaccard-content-words").put("threshold", CommonProblems.SIMILAR)
                        .put("minVillages", CommonProblems.MIN_VILLAGES).put("newestCompared", CommonProblems.NEWEST_COMPARED));
    }

    static JsonObject figures(Figures f) {
        TallyCounts c = f.counts();
        return new JsonObject()
                .put("registered", c.registered())
                .put("merged", c.merged())
                .put("resolved", c.resolved())
                .put("resolvedWithinFiveWorkingDays", c.withinFive())
                .put("withinFiveShare", share(f.withinFiveShare()))
                .put("averageWorkingDaysToResolve", round(f.averageWorkingDaysToResolve(), 100))
                .put("overdue", c.overdue())
                .put("escalations", new JsonObject().put("town", c.toTown()).put("county", c.toCounty()).put("city", c.toCity()))
                .put("rated", c.rated())
                .put("satisfied", c.satisfied())
                .put("basicallySatisfied", c.basically())
                .put("unsatisfied", c.unsatisfied())
                .put("satisfaction", share(f.satisfaction()))
                .put("unrated", c.unrated())
                .put("urged", c.urged())
                .put("urges", c.urges())
                .put("reopened", c.reopened())
                .put("warned", c.warned());
    }

    static JsonObject diligence(Diligence d) {
        JsonObject weights = new JsonObject();
        JsonArray parts = new JsonArray();
        for (DiligencePart p : DiligencePart.values()) {
            weights.put(p.wireName(), d.weights().of(p));
            parts.add(new JsonObject().put("part", p.wireName()).put("label", p.label()).put("weight", d.weights().of(p)));
        }
        JsonArray villages = new JsonArray();
        for (Diligence.Village v : d.villages()) {
            JsonObject scores = new JsonObject();
            v.parts().forEach((p, score) -> scores.put(p.wireName(), share(score)));
            villages.add(new JsonObject().put("code", v.code()).put("name", v.name()).put("tickets", v.tickets())
                    .put("index", v.index()).put("parts", scores));
        }
        return new JsonObject().put("scope", d.scope()).put("month", d.month().toString()).put("weights", weights)
                .put("parts", parts).put("villages", villages);
    }

    static Double share(OptionalDouble v) {
        return round(v, 10000);
    }

    private static Double round(OptionalDouble v, int scale) {
        return v.isPresent() ? Math.round(v.getAsDouble() * scale) / (double) scale : null;
    }
}
