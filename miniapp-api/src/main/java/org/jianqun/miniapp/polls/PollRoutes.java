package org.jianqun.miniapp.polls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.polls.CommentVerdict;
import org.jianqun.core.polls.Poll;
import org.jianqun.core.polls.PollOutcome;
import org.jianqun.core.polls.PollResults;
import org.jianqun.core.polls.Polls;
import org.jianqun.miniapp.MiniappParts;
import org.jianqun.miniapp.http.JsonBodies;
import org.jianqun.miniapp.limits.RateLimits;
import org.jianqun.miniapp.session.MiniappAuth;
import org.jianqun.miniapp.session.MiniappUser;
import org.jianqun.miniapp.wechat.ContentVerdict;
import org.jianqun.miniapp.wechat.WechatRefused;

/**
 * Polls (民意调查) on the phone: {@code GET /miniapp/v1/polls} (those of the user's village, town and county that have
 * opened), {@code GET /miniapp/v1/polls/{id}} (with the user's own vote, and the results when the poll shows them),
 * {@code POST /miniapp/v1/polls/{id}/votes {"choices":[1,3],"comment"}} (once per user; a comment goes through
 * WeChat's content check first and is shown to others only when it passed; WeChat unreachable: kept, shown to nobody
 * but officers until checked).
 */
public final class PollRoutes {
    private final MiniappParts parts;
    private final Polls polls;

    public PollRoutes(MiniappParts parts) {
        this.parts = parts;
        this.polls = new Polls(parts.core().database(), parts.core().clock());
    }

    public void mount(Router router, BlockingWork blocking) {
        router.get("/miniapp/v1/polls").handler(parts.auth().handler(blocking)).handler(ctx -> list(ctx, blocking));
        router.get("/miniapp/v1/polls/:id").handler(parts.auth().handler(blocking)).handler(ctx -> one(ctx, blocking));
        router.post("/miniapp/v1/polls/:id/votes").handler(BodyHandler.create(false).setBodyLimit(JsonBodies.BODY_LIMIT))
                .handler(parts.auth().handler(blocking)).handler(ctx -> vote(ctx, blocking));
    }

    private static Polls.Voter voter(MiniappUser user) {
        return new Polls.Voter(user.personId(), user.villageCode());
    }

    private void list(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        blocking.run(() -> {
            Instant now = parts.core().clock().instant();
            JsonArray out = new JsonArray();
            polls.forVillager(voter(user)).forEach(p -> out.add(summary(p, now)));
            return new JsonObject().put("polls", out);
        }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        long id = pollId(ctx);
        blocking.run(() -> polls.forVoter(voter(user), id).map(v -> {
            JsonObject json = summary(v.poll(), parts.core().clock().instant()).put("inScope", v.inScope())
                    .put("myChoices", new JsonArray(v.myChoices()));
            v.results().ifPresent(r -> json.put("results", results(r)));
            return json;
        }).orElseThrow(() -> new ApiError(404, "not_found", "没有找到该调查")))
                .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private void vote(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        long id = pollId(ctx);
        JsonObject body = JsonBodies.object(ctx);
        List<Integer> choices = choices(body);
        String comment = JsonBodies.optionalString(body, "comment", Polls.MAX_COMMENT).orElse(null);
        blocking.run(() -> {
            MiniappAuth.limited(parts.limits().take(RateLimits.WRITES_PER_USER, Long.toString(user.personId())));
            CommentVerdict verdict = comment == null ? CommentVerdict.PENDING : check(user, comment);
            PollOutcome<List<Integer>> outcome = polls.vote(voter(user), id, choices, comment, verdict);
            if (outcome instanceof PollOutcome.Refused<List<Integer>> r) {
                throw r.field() == null ? new ApiError(r.problem().status(), r.problem().code(), r.message())
                        : new ApiError(r.problem().status(), r.problem().code(), r.message(), new JsonObject().put("field", r.field()));
            }
            return new JsonObject().put("pollId", id).put("choices", new JsonArray(((PollOutcome.Done<List<Integer>>) outcome).value()));
        }).onSuccess(json -> Responses.json(ctx, 201, json)).onFailure(ctx::fail);
    }

    /** msgSecCheck before anyone else may read the comment; WeChat unreachable or busy: held back (PENDING), the vote counts. */
    private CommentVerdict check(MiniappUser user, String comment) {
        try {
            ContentVerdict verdict = parts.wechat().check(user.openid(), comment);
            return switch (verdict) {
                case PASS -> CommentVerdict.PASS;
                case REVIEW -> CommentVerdict.REVIEW;
                case RISKY -> CommentVerdict.RISKY;
            };
        } catch (WechatRefused e) {
            return CommentVerdict.PENDING;
        }
    }

    private static JsonObject summary(Poll p, Instant now) {
        return new JsonObject().put("id", p.id()).put("question", p.question()).put("kind", p.kind().wire())
                .put("options", new JsonArray(p.options())).put("commentAllowed", p.commentAllowed()).put("scopeCode", p.scopeCode())
                .put("opensAt", p.opensAt().toString()).put("closesAt", p.closesAt().toString()).put("phase", p.phase(now).wire())
                .put("resultsShown", p.resultsShown().wire());
    }

    private static JsonObject results(PollResults r) {
        JsonArray comments = new JsonArray();
        r.comments().forEach(c -> comments.add(c.text()));
        return new JsonObject().put("voters", r.voters()).put("perOption", new JsonArray(r.perOption())).put("comments", comments);
    }

    private static List<Integer> choices(JsonObject body) {
        Object value = body.getValue("choices");
        if (!(value instanceof JsonArray array) || array.size() > 50) {
            throw new ApiError(400, "bad_field", "choices 须为选项序号的数组，如 [1]", new JsonObject().put("field", "choices"));
        }
        List<Integer> out = new ArrayList<>();
        for (Object o : array) {
            if (!(o instanceof Integer i)) {
                throw new ApiError(400, "bad_field", "choices 须为选项序号（整数）", new JsonObject().put("field", "choices"));
            }
            out.add(i);
        }
        return out;
    }

    private static long pollId(RoutingContext ctx) {
        String text = ctx.pathParam("id");
        if (text == null || !text.matches("[1-9]\\d{0,17}")) {
            throw new ApiError(404, "not_found", "没有找到该调查");
        }
        return Long.parseLong(text);
    }
}
