package org.jianqun.console.patrol;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jianqun.console.JsonBody;
import org.jianqun.console.QueryParams;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.content.ContentVerdictByOfficer;
import org.jianqun.core.content.HeldContent;
import org.jianqun.core.content.HeldRef;
import org.jianqun.core.content.HeldText;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.patrol.HeldContentSource;

/**
 * 待审内容 for discipline officers (everyone else 403): {@code GET /api/v1/patrol/held/{ref}} — the whole held text,
 * where it would be shown and its state; {@code POST /api/v1/patrol/held/{ref}/verdict {"verdict":"放行|不予显示","reason"}}
 * — the officer's verdict, once (a second one 409). A ref outside the officer's scope is 404, as an unknown one.
 */
public final class HeldContentRoutes {
    public static final long BODY_LIMIT = 8 * 1024;

    private final AuthService auth;
    private final HeldContent held;

    public HeldContentRoutes(AuthService auth, HeldContent held) {
        this.auth = auth;
        this.held = held;
    }

    public void mount(Router router, BlockingWork blocking) {
        Authentication.permitted(router.get("/api/v1/patrol/held/:ref"), auth, blocking, Permission.PATROL).handler(ctx -> show(ctx, blocking));
        router.post("/api/v1/patrol/held/:ref/verdict").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(Authentication.bearer(auth, blocking)).handler(Authentication.require(Permission.PATROL))
                .handler(ctx -> verdict(ctx, blocking));
    }

    private void show(RoutingContext ctx, BlockingWork blocking) {
        Actor officer = Authentication.actor(ctx);
        HeldRef ref = ref(ctx);
        blocking.run(() -> held.find(officer, ref)).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(notFound(ref));
                return;
            }
            Responses.json(ctx, 200, json(found.get()));
        }).onFailure(ctx::fail);
    }

    private void verdict(RoutingContext ctx, BlockingWork blocking) {
        Actor officer = Authentication.actor(ctx);
        HeldRef ref = ref(ctx);
        JsonBody body = JsonBody.of(ctx);
        String word = body.text("verdict", 8);
        ContentVerdictByOfficer verdict = ContentVerdictByOfficer.ofLabel(word).orElseThrow(() -> ApiError.badRequest("字段 verdict 为「" + word
                + "」，应为 " + Arrays.stream(ContentVerdictByOfficer.values()).map(v -> "「" + v.label() + "」").collect(Collectors.joining("或"))));
        String reason = body.optionalText("reason", HeldContent.MAX_REASON_LENGTH)
                .orElseThrow(() -> ApiError.badRequest("请填写理由（字段 reason，最多 " + HeldContent.MAX_REASON_LENGTH + " 字）"));
        blocking.run(() -> held.decide(officer, ref, verdict, reason)).onSuccess(outcome -> {
            if (outcome instanceof HeldContent.Outcome.NotFound) {
                ctx.fail(notFound(ref));
            } else if (outcome instanceof HeldContent.Outcome.AlreadyDecided already) {
                ctx.fail(new ApiError(409, "already_decided", "该内容已有审核结论（" + already.text().state().label() + "），不能再次审核",
                        new JsonObject().put("state", already.text().state().label())));
            } else {
                HeldContent.Outcome.Decided decided = (HeldContent.Outcome.Decided) outcome;
                Responses.json(ctx, 200, json(decided.text()).put("verdict", new JsonObject().put("verdict", decided.verdict().label())
                        .put("at", QueryParams.time(decided.at())).put("reason", decided.reason())
                        .put("officer", new JsonObject().put("id", decided.officer().personId()).put("name", decided.officer().displayName()))));
            }
        }).onFailure(ctx::fail);
    }

    private static HeldRef ref(RoutingContext ctx) {
        String value = ctx.pathParam("ref");
        return HeldRef.parse(value).orElseThrow(() -> new ApiError(404, "not_found", "没有找到待审内容「" + clip(value)
                + "」（应写作 report-工单号 或 comment-调查号-投票人号）"));
    }

    private static ApiError notFound(HeldRef ref) {
        return new ApiError(404, "not_found", "没有找到待审内容 " + ref.text() + "，或它不在你的网巡范围内");
    }

    private static String clip(String value) {
        return value.length() <= 40 ? value : value.substring(0, 39) + "…";
    }

    private static JsonObject json(HeldText t) {
        return new JsonObject().put("key", HeldContentSource.HELD_CONTENT.wireName() + ":" + t.ref().text())
                .put("kind", HeldContentSource.HELD_CONTENT.wireName()).put("ref", t.ref().text())
                .put("villageCode", t.villageCode()).put("ticketNo", t.ticketNo().orElse(null)).put("text", t.text())
                .put("where", t.where()).put("at", QueryParams.time(t.at())).put("state", t.state().label());
    }
}
