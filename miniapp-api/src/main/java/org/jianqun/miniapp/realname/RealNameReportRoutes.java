package org.jianqun.miniapp.realname;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.core.identity.IdentityVault;
import org.jianqun.core.realname.Accused;
import org.jianqun.core.realname.ConfidentialReport;
import org.jianqun.core.realname.RealNameReports;
import org.jianqun.core.realname.ReporterReports;
import org.jianqun.core.realname.Submission;
import org.jianqun.core.ticket.TicketDeadlines;
import org.jianqun.miniapp.MiniappParts;
import org.jianqun.miniapp.http.JsonBodies;
import org.jianqun.miniapp.limits.RateLimits;
import org.jianqun.miniapp.session.MiniappAuth;
import org.jianqun.miniapp.session.MiniappUser;

/**
 * Real-name reports (实名举报) from the phone:
 * <ul>
 * <li>{@code POST /miniapp/v1/reports/confidential {"villageCode","realName","idNumber","accused":[{"name","position","personId"}],
 *     "content","mediaIds","subscribe"}} → 201 {@code {"no","receipt"}} (core's {@link RealNameReports}: the bound phone, the ID checksum,
 *     the conflict shield, the identity sealed in the same transaction).</li>
 * <li>{@code GET /miniapp/v1/realname/reports} and {@code GET /miniapp/v1/realname/reports/{no}}: the reporter's own,
 *     as 已收到 → 已受理 → 已办结 with the result written for them; another user's number is 404 as a missing one.</li>
 * <li>{@code POST /miniapp/v1/realname/reports/{no}/rating {"rating":"满意|基本满意|不满意"}}.</li>
 * </ul>
 * The identity is never echoed back, nor put in any error.
 */
public final class RealNameReportRoutes {
    private final MiniappParts parts;
    private final RealNameReports reports;
    private final ReporterReports reporterView;

    /** @param cipher the data key ring's: this side only seals identities (the console's discipline officers open them) */
    public RealNameReportRoutes(MiniappParts parts, IdentityCipher cipher) {
        this.parts = parts;
        IdentityVault vault = new IdentityVault(parts.core().database(), cipher);
        this.reports = new RealNameReports(parts.core().database(), parts.core().desk(), vault, parts.core().clock());
        this.reporterView = new ReporterReports(parts.core().database(), parts.core().desk());
    }

    public void mount(Router router, BlockingWork blocking) {
        router.post("/miniapp/v1/reports/confidential").handler(BodyHandler.create(false).setBodyLimit(JsonBodies.BODY_LIMIT))
                .handler(parts.auth().handler(blocking)).handler(ctx -> submit(ctx, blocking));
        router.get("/miniapp/v1/realname/reports").handler(parts.auth().handler(blocking)).handler(ctx -> mine(ctx, blocking));
        router.get("/miniapp/v1/realname/reports/:no").handler(parts.auth().handler(blocking)).handler(ctx -> one(ctx, blocking));
        router.post("/miniapp/v1/realname/reports/:no/rating").handler(BodyHandler.create(false).setBodyLimit(JsonBodies.BODY_LIMIT))
                .handler(parts.auth().handler(blocking)).handler(ctx -> rate(ctx, blocking));
    }

    private void submit(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        JsonObject body = JsonBodies.object(ctx);
        String village = JsonBodies.string(body, "villageCode", 12).strip();
        ConfidentialReport report = new ConfidentialReport(village,
                JsonBodies.optionalString(body, "realName", RealNameReports.MAX_REAL_NAME).orElse(null),
                JsonBodies.optionalString(body, "idNumber", 18).orElse(null), accused(body),
                JsonBodies.optionalString(body, "content", org.jianqun.core.desk.TicketDesk.MAX_CONTENT_LENGTH).orElse(null),
                strings(body, "mediaIds", RealNameReports.MAX_MEDIA));
        Object subscribe = body.getValue("subscribe");
        if (subscribe != null && !(subscribe instanceof Boolean)) {
            throw new ApiError(400, "bad_field", "subscribe 须为 true 或 false", new JsonObject().put("field", "subscribe"));
        }
        MediaEvidence evidence = new MediaEvidence(parts.core().database(), Boolean.TRUE.equals(subscribe), parts.core().clock());
        blocking.run(() -> {
            MiniappAuth.limited(parts.limits().take(RateLimits.WRITES_PER_USER, Long.toString(user.personId())));
            Submission outcome = reports.submit(user.actorFor(village), report, (s, personId) -> parts.users().phone(personId), evidence);
            if (outcome instanceof Submission.Refused r) {
                throw r.field() == null ? new ApiError(r.problem().status(), r.problem().code(), r.message())
                        : new ApiError(r.problem().status(), r.problem().code(), r.message(), new JsonObject().put("field", r.field()));
            }
            Submission.Accepted a = (Submission.Accepted) outcome;
            return new JsonObject().put("no", a.no()).put("receipt", a.receipt());
        }).onSuccess(json -> Responses.json(ctx, 201, json)).onFailure(ctx::fail);
    }

    private void mine(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        blocking.run(() -> {
            JsonArray out = new JsonArray();
            reporterView.mine(user.personId(), 50).forEach(r -> out.add(json(r)));
            return new JsonObject().put("reports", out);
        }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        long no = number(ctx);
        blocking.run(() -> reporterView.status(user.personId(), no).map(RealNameReportRoutes::json)
                        .orElseThrow(() -> notFound(no)))
                .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private void rate(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        long no = number(ctx);
        String rating = JsonBodies.string(JsonBodies.object(ctx), "rating", 10);
        blocking.run(() -> {
            if (reporterView.status(user.personId(), no).isEmpty()) {
                throw notFound(no);
            }
            DeskResult result = reporterView.rate(user.personId(), no, rating).orElseThrow(() -> notFound(no));
            if (result instanceof DeskResult.Refused r) {
                throw r.notFound() ? notFound(no) : new ApiError(409, "refused", r.reason(), new JsonObject().put("rule", r.rule().name()));
            }
            return json(reporterView.status(user.personId(), no).orElseThrow());
        }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    static JsonObject json(ReporterReports.ReportStatus r) {
        JsonArray steps = new JsonArray();
        r.steps().forEach(s -> steps.add(new JsonObject().put("stage", s.stage().wire()).put("label", s.stage().label()).put("at", s.at().toString())));
        return new JsonObject().put("no", r.no()).put("receipt", r.receipt()).put("stage", r.stage().wire()).put("label", r.stage().label())
                .put("steps", steps)
                .put("acknowledgeBy", r.acknowledgeDue() == null ? null : TicketDeadlines.describe(r.acknowledgeDue()))
                .put("result", r.result()).put("rateable", r.rateable()).put("rating", r.rating());
    }

    private static List<Accused> accused(JsonObject body) {
        Object value = body.getValue("accused");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > RealNameReports.MAX_ACCUSED) {
            throw new ApiError(422, "invalid_input", "accused 须为至多 " + RealNameReports.MAX_ACCUSED + " 人的数组", new JsonObject().put("field", "accused"));
        }
        List<Accused> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "accused[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject a)) {
                throw new ApiError(400, "bad_field", field + " 须为对象", new JsonObject().put("field", field));
            }
            Object id = a.getValue("personId");
            if (id != null) {
                if (!(id instanceof Integer || id instanceof Long) || ((Number) id).longValue() <= 0) {
                    throw new ApiError(400, "bad_field", field + ".personId 须为正整数", new JsonObject().put("field", field + ".personId"));
                }
                out.add(new Accused.Registered(((Number) id).longValue()));
            } else {
                out.add(new Accused.Written(JsonBodies.optionalString(a, "name", Accused.MAX_NAME).orElse(null),
                        JsonBodies.optionalString(a, "position", Accused.MAX_POSITION).orElse(null)));
            }
        }
        return out;
    }

    private static List<String> strings(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.stream().anyMatch(v -> !(v instanceof String))) {
            throw new ApiError(400, "bad_field", field + " 须为字符串数组", new JsonObject().put("field", field));
        }
        if (array.size() > max) {
            throw new ApiError(422, "too_many_media", "证据照片最多 " + max + " 张", new JsonObject().put("field", field).put("limit", max));
        }
        return array.stream().map(String.class::cast).toList();
    }

    private static long number(RoutingContext ctx) {
        String text = ctx.pathParam("no");
        if (text == null || !text.matches("[1-9]\\d{0,17}")) {
            throw new ApiError(404, "not_found", "没有找到该举报");
        }
        return Long.parseLong(text);
    }

    private static ApiError notFound(long no) {
        return new ApiError(404, "not_found", "没有找到举报 #" + no);
    }

}
