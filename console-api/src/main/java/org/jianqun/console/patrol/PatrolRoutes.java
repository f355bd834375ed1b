package org.jianqun.console.patrol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jianqun.console.JsonBody;
import org.jianqun.console.QueryParams;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.patrol.PatrolItem;
import org.jianqun.core.patrol.PatrolKey;
import org.jianqun.core.patrol.PatrolKind;
import org.jianqun.core.patrol.PatrolLog;
import org.jianqun.core.patrol.PatrolQueue;
import org.jianqun.core.patrol.PatrolRule;
import org.jianqun.core.patrol.ReviewOutcome;

/**
 * 网巡 for discipline officers (everyone else 403): {@code GET /api/v1/patrol/queue?date=&scope=&limit=} — the
 * day's items and the earlier days' unreviewed ones; {@code POST /api/v1/patrol/reviews {"items":[{"kind","ref"}],"note"}}
 * marks them reviewed for the officer's office; {@code GET /api/v1/patrol/log?scope=&before=&limit=} — who
 * reviewed what, when, in the offices within the scope. A scope outside the officer's own is 403.
 */
public final class PatrolRoutes {
    public static final long BODY_LIMIT = 64 * 1024;
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 500;

    private final AuthService auth;
    private final PatrolQueue queue;
    private final PatrolLog log;

    public PatrolRoutes(AuthService auth, PatrolQueue queue, PatrolLog log) {
        this.auth = auth;
        this.queue = queue;
        this.log = log;
    }

    private Route patrol(Route route, BlockingWork blocking) {
        return Authentication.permitted(route, auth, blocking, Permission.PATROL);
    }

    public void mount(Router router, BlockingWork blocking) {
        patrol(router.get("/api/v1/patrol/queue"), blocking).handler(ctx -> queue(ctx, blocking));
        router.post("/api/v1/patrol/reviews").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(Authentication.bearer(auth, blocking)).handler(Authentication.require(Permission.PATROL))
                .handler(ctx -> review(ctx, blocking));
        patrol(router.get("/api/v1/patrol/log"), blocking).handler(ctx -> log(ctx, blocking));
    }

    private void queue(RoutingContext ctx, BlockingWork blocking) {
        Actor officer = Authentication.actor(ctx);
        String scope = scope(ctx, officer);
        LocalDate date = date(ctx);
        int limit = QueryParams.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        blocking.run(() -> queue.of(officer, scope, date, limit)).onSuccess(q -> {
            JsonArray items = new JsonArray();
            q.items().forEach(i -> items.add(item(i, q.date())));
            JsonArray kinds = new JsonArray();
            queue.kinds().forEach(k -> kinds.add(k.wireName()));
            Responses.json(ctx, 200, new JsonObject().put("date", q.date().toString()).put("scope", q.scope())
                    .put("since", q.from().atZone(WorkingDayCalendar.ZONE).toLocalDate().toString())
                    .put("kinds", kinds).put("items", items).put("more", q.more()));
        }).onFailure(ctx::fail);
    }

    /** One item as the console shows it (README "Patrol and clues" documents the shape). */
    static JsonObject item(PatrolItem i, LocalDate date) {
        LocalDate day = i.at().atZone(WorkingDayCalendar.ZONE).toLocalDate();
        return new JsonObject().put("key", i.key().text()).put("kind", i.key().kind().wireName()).put("ref", i.key().ref())
                .put("at", QueryParams.time(i.at())).put("day", day.toString()).put("earlier", day.isBefore(date))
                .put("villageCode", i.villageCode()).put("ticketNo", i.ticketNo()).put("summary", i.summary())
                .put("words", new JsonArray(new ArrayList<>(i.words())))
                .put("source", new JsonObject().put("kind", i.clueOrigin().kind().wireName()).put("ref", i.clueOrigin().ref()));
    }

    private void review(RoutingContext ctx, BlockingWork blocking) {
        Actor officer = Authentication.actor(ctx);
        JsonBody body = JsonBody.of(ctx);
        List<PatrolKey> keys = new ArrayList<>();
        Set<PatrolKey> seen = new HashSet<>();
        for (JsonBody item : body.objects("items", PatrolLog.MAX_ITEMS)) {
            String kindWord = item.text("kind", 32);
            PatrolKind kind = queue.kinds().stream().filter(k -> k.wireName().equals(kindWord)).findFirst()
                    .orElseThrow(() -> ApiError.badRequest("field '" + item.nameOf("kind") + "': unknown kind '" + kindWord + "'; use one of "
                            + String.join(", ", queue.kinds().stream().map(PatrolKind::wireName).toList())));
            PatrolKey key = new PatrolKey(kind, item.optionalRef("ref", PatrolKey.MAX_REF_LENGTH)
                    .orElseThrow(() -> ApiError.badRequest("field '" + item.nameOf("ref") + "' is required")));
            if (!seen.add(key)) {
                throw ApiError.badRequest("field '" + item.nameOf("ref") + "': " + key.text() + " is listed twice");
            }
            keys.add(key);
        }
        Optional<String> note = body.optionalText("note", PatrolLog.MAX_NOTE_LENGTH);
        blocking.run(() -> log.review(officer, keys, note)).onSuccess(outcome -> {
            if (outcome instanceof ReviewOutcome.Refused refused) {
                JsonArray items = new JsonArray();
                refused.items().forEach(k -> items.add(k.text()));
                JsonObject extra = new JsonObject().put("rule", refused.rule().name()).put("items", items);
                ctx.fail(refused.rule() == PatrolRule.ITEM_NOT_IN_QUEUE
                        ? new ApiError(400, "not_in_queue", refused.message(), extra)
                        : new ApiError(409, "refused", refused.message(), extra));
                return;
            }
            Responses.json(ctx, 200, new JsonObject().put("review", entry(((ReviewOutcome.Reviewed) outcome).entry())));
        }).onFailure(ctx::fail);
    }

    private void log(RoutingContext ctx, BlockingWork blocking) {
        Actor officer = Authentication.actor(ctx);
        String scope = scope(ctx, officer);
        Long before = QueryParams.before(ctx, "a review's place in the log");
        int limit = QueryParams.limit(ctx, 50, MAX_LIMIT);
        blocking.run(() -> log.entries(scope, before, limit)).onSuccess(entries -> {
            JsonArray out = new JsonArray();
            entries.forEach(e -> out.add(entry(e)));
            Responses.json(ctx, 200, new JsonObject().put("scope", scope).put("entries", out)
                    .put("next", entries.size() == limit ? entries.get(entries.size() - 1).id() : null));
        }).onFailure(ctx::fail);
    }

    private static JsonObject entry(PatrolLog.Entry e) {
        JsonArray items = new JsonArray();
        e.items().forEach(k -> items.add(new JsonObject().put("key", k.text()).put("kind", k.kind().wireName()).put("ref", k.ref())));
        return new JsonObject().put("id", e.id()).put("at", QueryParams.time(e.at()))
                .put("officer", new JsonObject().put("id", e.reviewerId()).put("name", e.reviewerName()))
                .put("office", e.office()).put("note", e.note()).put("items", items);
    }

    /** {@code scope}: a region code within the officer's own (default: their own); outside it 403. */
    private static String scope(RoutingContext ctx, Actor officer) {
        String value = ctx.queryParams().get("scope");
        if (value == null || value.isEmpty()) {
            return officer.scopeCode();
        }
        if (!value.matches("\\d{4}|\\d{6}|\\d{9}|\\d{12}")) {
            throw ApiError.badRequest("parameter 'scope': '" + value + "' is not a region code (4, 6, 9 or 12 digits, e.g. 359901100)");
        }
        Authentication.requireIn(ctx, Permission.PATROL, value);
        return value;
    }

    /** {@code date}: a day (default today, Asia/Shanghai), not after today. */
    private LocalDate date(RoutingContext ctx) {
        String value = ctx.queryParams().get("date");
        LocalDate today = queue.today();
        if (value == null || value.isEmpty()) {
            return today;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("parameter 'date': '" + value + "' must be a day written like 2026-03-02");
        }
        if (date.isAfter(today)) {
            throw ApiError.badRequest("parameter 'date': " + date + " is after today (" + today + ")");
        }
        return date;
    }
}
