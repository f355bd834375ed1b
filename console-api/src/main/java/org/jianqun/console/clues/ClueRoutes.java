package org.jianqun.console.clues;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jianqun.console.JsonBody;
import org.jianqun.console.QueryParams;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.clues.Clue;
import org.jianqun.core.clues.ClueLibrary;
import org.jianqun.core.clues.ClueOrigin;
import org.jianqun.core.clues.ClueOutcome;
import org.jianqun.core.clues.ClueStatus;
import org.jianqun.core.clues.ClueValue;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.patrol.PatrolKey;

/**
 * 线索库 for discipline officers (everyone else 403): {@code POST /api/v1/clues}, {@code GET /api/v1/clues?status=&value=&before=&limit=},
 * {@code GET /api/v1/clues/{id}}, {@code PATCH /api/v1/clues/{id} {"status","value","note"}},
 * {@code POST /api/v1/clues/{id}/links {"clue","note"}}, {@code DELETE /api/v1/clues/{id}/links/{other}}. A clue the
 * officer may not know (another office's, or a real-name report's clue of an office not theirs) is 404, as a missing one;
 * a step a rule refuses is 409 {@code {"error":"refused","rule"}}.
 */
public final class ClueRoutes {
    public static final long BODY_LIMIT = 64 * 1024;
    private static final int MAX_LIMIT = 200;

    private final AuthService auth;
    private final ClueLibrary library;

    public ClueRoutes(AuthService auth, ClueLibrary library) {
        this.auth = auth;
        this.library = library;
    }

    private Route read(Route route, BlockingWork blocking) {
        return Authentication.permitted(route, auth, blocking, Permission.PATROL);
    }

    /** The body is read (and bounded) before the token is looked up, as the ticket commands do. */
    private Route write(Route route, BlockingWork blocking) {
        return route.handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(Authentication.bearer(auth, blocking))
                .handler(Authentication.require(Permission.PATROL));
    }

    public void mount(Router router, BlockingWork blocking) {
        write(router.post("/api/v1/clues"), blocking).handler(ctx -> create(ctx, blocking));
        read(router.get("/api/v1/clues"), blocking).handler(ctx -> list(ctx, blocking));
        read(router.get("/api/v1/clues/:id"), blocking).handler(ctx -> show(ctx, blocking));
        write(router.patch("/api/v1/clues/:id"), blocking).handler(ctx -> change(ctx, blocking));
        write(router.post("/api/v1/clues/:id/links"), blocking).handler(ctx -> link(ctx, blocking));
        write(router.delete("/api/v1/clues/:id/links/:other"), blocking).handler(ctx -> unlink(ctx, blocking));
    }

    private void create(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        JsonBody body = JsonBody.of(ctx);
        JsonBody source = body.object("source");
        String kindWord = source.text("kind", 16);
        ClueOrigin.Kind kind = ClueOrigin.Kind.fromWire(kindWord).orElseThrow(() -> ApiError.badRequest(
                "field 'source.kind': unknown kind '" + kindWord + "'; use ticket, message, warning or manual"));
        Optional<String> ref = source.optionalRef("ref", PatrolKey.MAX_REF_LENGTH);
        if (kind == ClueOrigin.Kind.MANUAL && ref.isPresent()) {
            throw ApiError.badRequest("field 'source.ref': a clue made by hand (manual) has no ref");
        }
        if (kind != ClueOrigin.Kind.MANUAL && ref.isEmpty()) {
            throw ApiError.badRequest("field 'source.ref' is required for a " + kindWord + " source");
        }
        String summary = body.text("summary", ClueLibrary.MAX_SUMMARY_LENGTH);
        ClueValue value = value(body.text("value", 2), "field 'value'");
        ClueOrigin origin = new ClueOrigin(kind, ref.orElse(null));
        answer(ctx, blocking, 201, () -> library.create(by, origin, summary, value));
    }

    private void list(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        Optional<ClueStatus> status = Optional.ofNullable(ctx.queryParams().get("status")).filter(s -> !s.isEmpty()).map(s -> status(s, "parameter 'status'"));
        Optional<ClueValue> value = Optional.ofNullable(ctx.queryParams().get("value")).filter(s -> !s.isEmpty())
                .map(s -> value(s, "parameter 'value'"));
        Long before = QueryParams.before(ctx, "a clue's id");
        int limit = QueryParams.limit(ctx, 50, MAX_LIMIT);
        blocking.run(() -> library.page(by, status, value, before, limit)).onSuccess(clues -> {
            JsonArray out = new JsonArray();
            clues.forEach(c -> out.add(summary(c)));
            Responses.json(ctx, 200, new JsonObject().put("clues", out)
                    .put("next", clues.size() == limit ? clues.get(clues.size() - 1).id() : null));
        }).onFailure(ctx::fail);
    }

    private void show(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        long id = id(ctx, "id");
        blocking.run(() -> library.view(by, id).map(ClueRoutes::full).orElseThrow(() -> notFound(id)))
                .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private void change(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        long id = id(ctx, "id");
        JsonBody body = JsonBody.of(ctx);
        Optional<ClueStatus> status = body.optionalText("status", 8).map(s -> status(s, "field 'status'"));
        Optional<ClueValue> value = body.optionalText("value", 2).map(v -> value(v, "field 'value'"));
        Optional<String> note = body.optionalText("note", ClueLibrary.MAX_NOTE_LENGTH);
        if (status.isEmpty() && value.isEmpty() && note.isEmpty()) {
            throw ApiError.badRequest("the body changes nothing: give 'status' (" + ClueStatus.WORDS + "), 'value' (" + ClueValue.WORDS
                    + ") or 'note'");
        }
        answer(ctx, blocking, 200, () -> library.change(by, id, status, value, note));
    }

    private void link(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        long id = id(ctx, "id");
        JsonBody body = JsonBody.of(ctx);
        long other = body.positiveNumber("clue");
        Optional<String> note = body.optionalText("note", ClueLibrary.MAX_NOTE_LENGTH);
        answer(ctx, blocking, 200, () -> library.link(by, id, other, note));
    }

    private void unlink(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        long id = id(ctx, "id");
        long other = id(ctx, "other");
        answer(ctx, blocking, 200, () -> library.unlink(by, id, other));
    }

    private static void answer(RoutingContext ctx, BlockingWork blocking, int status, Callable<ClueOutcome> command) {
        Handler<ClueOutcome> reply = outcome -> {
            if (outcome instanceof ClueOutcome.Done done) {
                Responses.json(ctx, status, full(done.clue()));
            } else if (outcome instanceof ClueOutcome.NotFound missing) {
                ctx.fail(notFound(missing.id()));
            } else if (outcome instanceof ClueOutcome.BadSource bad) {
                ctx.fail(ApiError.badRequest("field '" + bad.field() + "': " + bad.message()));
            } else if (outcome instanceof ClueOutcome.Refused refused) {
                ctx.fail(new ApiError(409, "refused", refused.message(), new JsonObject().put("rule", refused.rule().name())));
            }
        };
        blocking.run(command).onSuccess(reply).onFailure(ctx::fail);
    }

    /** A clue in a list (README "Patrol and clues" documents the shape). */
    static JsonObject summary(Clue c) {
        return new JsonObject().put("id", c.id()).put("status", c.status().word()).put("value", c.clueValue().word())
                .put("summary", c.summary()).put("office", c.office()).put("confidential", c.confidential())
                .put("source", new JsonObject().put("kind", c.sourceKind().wireName()).put("ref", c.sourceRef()))
                .put("villageCode", c.villageCode())
                .put("createdBy", new JsonObject().put("id", c.createdBy()).put("name", c.createdByName()))
                .put("createdAt", QueryParams.time(c.createdAt())).put("updatedAt", QueryParams.time(c.updatedAt()));
    }

    /** A clue with its links and steps. */
    static JsonObject full(ClueLibrary.ClueView view) {
        JsonArray links = new JsonArray();
        view.links().forEach(l -> links.add(new JsonObject().put("clue", new JsonObject().put("id", l.clue().id())
                        .put("status", l.clue().status().word()).put("value", l.clue().clueValue().word()).put("summary", l.clue().summary()))
                .put("linkedAt", QueryParams.time(l.link().linkedAt())).put("note", l.link().note())));
        JsonArray steps = new JsonArray();
        view.steps().forEach(s -> steps.add(new JsonObject().put("at", QueryParams.time(s.at()))
                .put("by", new JsonObject().put("id", s.actorId()).put("name", s.actorName())).put("type", s.type().toLowerCase())
                .put("from", s.fromStatus() == null ? null : s.fromStatus().word()).put("to", s.toStatus() == null ? null : s.toStatus().word())
                .put("value", s.clueValue() == null ? null : s.clueValue().word()).put("note", s.note())));
        return summary(view.clue()).put("links", links).put("steps", steps);
    }

    private static ClueStatus status(String word, String field) {
        return ClueStatus.fromWord(word).orElseThrow(() -> ApiError.badRequest(field + ": '" + word + "' is not a clue status; use "
                + ClueStatus.WORDS));
    }

    private static ClueValue value(String word, String field) {
        return ClueValue.fromWord(word).orElseThrow(() -> ApiError.badRequest(field + ": '" + word + "' is not a clue value; use "
                + ClueValue.WORDS));
    }

    private static long id(RoutingContext ctx, String param) {
        String text = ctx.pathParam(param);
        if (text == null || !text.matches("[1-9]\\d{0,17}")) {
            throw ApiError.badRequest("'" + text + "' is not a clue id: use a positive whole number, e.g. /api/v1/clues/12");
        }
        return Long.parseLong(text);
    }

    private static ApiError notFound(long id) {
        return new ApiError(404, "not_found", "没有找到线索 #" + id);
    }
}
