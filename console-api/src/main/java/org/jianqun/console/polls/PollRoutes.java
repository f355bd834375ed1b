package org.jianqun.console.polls;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jianqun.console.QueryParams;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.polls.Poll;
import org.jianqun.core.polls.PollDraft;
import org.jianqun.core.polls.PollOutcome;
import org.jianqun.core.polls.PollResults;
import org.jianqun.core.polls.Polls;

/**
 * The officers' side of polls (民意调查):
 * {@code POST /api/v1/polls {"question","kind":"single|multiple","options":[…],"commentAllowed","scopeCode","opensAt","closesAt",
 * "resultsShown":"live|after_closing"}} → 201 the poll (announced into the scope's villagers' groups);
 * {@code GET /api/v1/polls} (those under the officer's scope) and {@code GET /api/v1/polls/{id}/results} (counts overall
 * and by village, comments with the content check's verdict). For town and county officers (RUN_POLLS).
 */
public final class PollRoutes {
    private static final long BODY_LIMIT = 32 * 1024;
    private final AuthService auth;
    private final Polls polls;

    public PollRoutes(AuthService auth, Polls polls) {
        this.auth = auth;
        this.polls = polls;
    }

    public void mount(Router router, BlockingWork blocking) {
        router.post("/api/v1/polls")
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(Authentication.bearer(auth, blocking))
                .handler(Authentication.require(Permission.RUN_POLLS))
                .handler(ctx -> create(ctx, blocking));
        Authentication.permitted(router.get("/api/v1/polls"), auth, blocking, Permission.RUN_POLLS).handler(ctx -> list(ctx, blocking));
        Authentication.permitted(router.get("/api/v1/polls/:id/results"), auth, blocking, Permission.RUN_POLLS)
                .handler(ctx -> results(ctx, blocking));
    }

    private void create(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        JsonObject body = body(ctx);
        PollDraft draft = new PollDraft(string(body, "question"), string(body, "kind"), options(body),
                Boolean.TRUE.equals(body.getValue("commentAllowed")), string(body, "scopeCode"),
                instant(body, "opensAt"), instant(body, "closesAt"), string(body, "resultsShown"));
        blocking.run(() -> json(polls.create(by, draft)))
                .onSuccess(poll -> Responses.json(ctx, 201, poll)).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        Long before = QueryParams.before(ctx, "a poll id");
        int limit = QueryParams.limit(ctx, 50, 200);
        blocking.run(() -> {
            List<Poll> page = value(polls.underScope(by, before, limit));
            JsonArray out = new JsonArray();
            page.forEach(p -> out.add(pollJson(p)));
            return new JsonObject().put("polls", out);
        }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private void results(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        String idText = ctx.pathParam("id");
        if (idText == null || !idText.matches("[1-9]\\d{0,17}")) {
            throw new ApiError(400, "bad_request", "'" + idText + "' 不是调查编号");
        }
        long id = Long.parseLong(idText);
        blocking.run(() -> {
            Map.Entry<Poll, PollResults> both = value(polls.resultsFor(by, id));
            PollResults r = both.getValue();
            JsonObject villages = new JsonObject();
            r.byVillage().forEach((v, c) -> villages.put(v, new JsonObject().put("voters", c.voters()).put("perOption", new JsonArray(c.perOption()))));
            JsonArray comments = new JsonArray();
            r.comments().forEach(c -> comments.add(new JsonObject().put("villageCode", c.villageCode()).put("text", c.text())
                    .put("check", c.verdict().wire())));
            return pollJson(both.getKey()).put("results", new JsonObject().put("voters", r.voters())
                    .put("perOption", new JsonArray(r.perOption())).put("byVillage", villages).put("comments", comments));
        }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    public static JsonObject pollJson(Poll p) {
        return new JsonObject().put("id", p.id()).put("question", p.question()).put("kind", p.kind().wire())
                .put("options", new JsonArray(p.options())).put("commentAllowed", p.commentAllowed()).put("scopeCode", p.scopeCode())
                .put("opensAt", p.opensAt().toString()).put("closesAt", p.closesAt().toString()).put("resultsShown", p.resultsShown().wire());
    }

    private static JsonObject json(PollOutcome<Poll> outcome) {
        return pollJson(value(outcome));
    }

    private static <T> T value(PollOutcome<T> outcome) {
        if (outcome instanceof PollOutcome.Refused<T> r) {
            JsonObject extra = r.field() == null ? null : new JsonObject().put("field", r.field());
            throw extra == null ? new ApiError(r.problem().status(), r.problem().code(), r.message())
                    : new ApiError(r.problem().status(), r.problem().code(), r.message(), extra);
        }
        return ((PollOutcome.Done<T>) outcome).value();
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            Object parsed = ctx.body().buffer() == null ? null : Json.decodeValue(ctx.body().buffer());
            if (parsed instanceof JsonObject o) {
                return o;
            }
        } catch (DecodeException e) {
            // answered below
        }
        throw new ApiError(400, "bad_request", "请求体须为 JSON 对象");
    }

    private static String string(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw new ApiError(400, "bad_request", "字段 '" + field + "' 须为字符串", new JsonObject().put("field", field));
        }
        return (String) v;
    }

    private static List<String> options(JsonObject body) {
        Object v = body.getValue("options");
        if (!(v instanceof JsonArray array)) {
            throw new ApiError(400, "bad_request", "字段 'options' 须为字符串数组", new JsonObject().put("field", "options"));
        }
        List<String> out = new ArrayList<>();
        for (Object o : array) {
            if (!(o instanceof String s)) {
                throw new ApiError(400, "bad_request", "字段 'options' 须为字符串数组", new JsonObject().put("field", "options"));
            }
            out.add(s);
        }
        return out;
    }

    private static Instant instant(JsonObject body, String field) {
        String text = string(body, field);
        if (text == null) {
            throw new ApiError(400, "bad_request", "缺少字段 '" + field + "'（ISO-8601 时间，如 2026-03-02T08:00:00+08:00）",
                    new JsonObject().put("field", field));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "bad_request", "字段 '" + field + "' 不是带时区的 ISO-8601 时间", new JsonObject().put("field", field));
        }
    }
}
