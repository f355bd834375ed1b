package org.jianqun.disclosure.routes;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.disclosure.Cadence;
import org.jianqun.core.disclosure.Catalogue;
import org.jianqun.core.disclosure.CatalogueItem;
import org.jianqun.core.disclosure.Category;
import org.jianqun.core.disclosure.Decision;
import org.jianqun.core.disclosure.DisclosureDesk;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.DisclosureViews;
import org.jianqun.core.disclosure.JsonLines;
import org.jianqun.core.disclosure.LineProblem;
import org.jianqun.core.disclosure.PushReport;
import org.jianqun.core.disclosure.Refusal;
import org.jianqun.core.disclosure.SheetLines;
import org.jianqun.core.importing.TableFormat;
import org.jianqun.core.disclosure.ReviewOutcome;
import org.jianqun.core.disclosure.UploadOutcome;
import org.jianqun.core.disclosure.missing.MissingDisclosures;
import org.jianqun.core.disclosure.warnings.SmartWarning;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;

/**
 * The console's disclosure routes:
 * <ul>
 * <li>{@code POST /api/v1/villages/{code}/disclosures/{yyyy-mm}}: the village's bookkeeper uploads a version (JSON body
 *     with {@code version}, {@code correctionReason}, {@code finance}, {@code invoices}, {@code projects}, {@code subsidies}; or a
 *     sheet, {@code text/csv} in UTF-8 or GB18030 or {@code .xlsx}, with a {@code part} column, {@code ?version=&correctionReason=}).
 *     201 stored, 200 the same lines again, 422 {@code errors[{part,row,column,message}]} (nothing written), 403/409 with the reason.</li>
 * <li>{@code GET /api/v1/villages/{code}/disclosures/{yyyy-mm}} and {@code GET /api/v1/disclosures/{id}}: versions with their
 *     invoices, signed reviews and warnings.</li>
 * <li>{@code GET /api/v1/disclosures/{id}/invoices/{row}/image}: an invoice's photo (JPEG or PNG), for the reviewer's page.</li>
 * <li>{@code POST /api/v1/disclosures/{id}/invoices/{row}/review} {@code {"decision":"approve|reject","reason":…}}: the
 *     village's resident cadre signs one invoice.</li>
 * <li>{@code GET|PUT /api/v1/counties/{code}/disclosure-catalogue}: the catalogue (default or the county's own).</li>
 * <li>{@code GET /api/v1/disclosure/push?month=&scope=}: how the month's push stands per town and village.</li>
 * <li>{@code GET /api/v1/disclosure/missing?month=&scope=}: villages with nothing submitted, yellow / orange / red.</li>
 * </ul>
 */
public final class DisclosureRoutes implements ApiRoutes {
    /** A month's lines with a few invoice photos fit in 20 MB; a larger body is refused unread (413). */
    public static final long BODY_LIMIT = 20L * 1024 * 1024;
    static final long SMALL_BODY = 64 * 1024;

    private final AuthService auth;
    private final DisclosureDesk desk;
    private final DisclosureViews views;
    private final Catalogue catalogue;
    private final PushReport pushReport;
    private final MissingDisclosures missing;

    public DisclosureRoutes(AuthService auth, DisclosureDesk desk, DisclosureViews views, Catalogue catalogue, PushReport pushReport,
                            MissingDisclosures missing) {
        this.missing = Objects.requireNonNull(missing, "missing");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.desk = desk;
        this.views = views;
        this.catalogue = catalogue;
        this.pushReport = pushReport;
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        router.post("/api/v1/villages/:code/disclosures/:month").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(Authentication.bearer(auth, blocking)).handler(Authentication.require(Permission.UPLOAD_DISCLOSURE))
                .handler(ctx -> upload(ctx, blocking));
        Authentication.permitted(router.get("/api/v1/villages/:code/disclosures/:month"), auth, blocking, Permission.VIEW_DISCLOSURES)
                .handler(ctx -> versions(ctx, blocking));
        Authentication.permitted(router.get("/api/v1/disclosures/:id"), auth, blocking, Permission.VIEW_DISCLOSURES)
                .handler(ctx -> detail(ctx, blocking));
        Authentication.permitted(router.get("/api/v1/disclosures/:id/invoices/:row/image"), auth, blocking, Permission.VIEW_DISCLOSURES)
                .handler(ctx -> invoiceImage(ctx, blocking));
        router.post("/api/v1/disclosures/:id/invoices/:row/review").handler(BodyHandler.create(false).setBodyLimit(SMALL_BODY))
                .handler(Authentication.bearer(auth, blocking)).handler(Authentication.require(Permission.REVIEW_DISCLOSURE))
                .handler(ctx -> review(ctx, blocking));
        Authentication.permitted(router.get("/api/v1/counties/:code/disclosure-catalogue"), auth, blocking, Permission.VIEW_DISCLOSURES)
                .handler(ctx -> showCatalogue(ctx, blocking));
        router.put("/api/v1/counties/:code/disclosure-catalogue").handler(BodyHandler.create(false).setBodyLimit(SMALL_BODY))
                .handler(Authentication.bearer(auth, blocking)).handler(Authentication.require(Permission.EDIT_DISCLOSURE_CATALOGUE))
                .handler(ctx -> replaceCatalogue(ctx, blocking));
        Authentication.permitted(router.get("/api/v1/disclosure/push"), auth, blocking, Permission.VIEW_DISCLOSURES)
                .handler(ctx -> push(ctx, blocking));
        Authentication.permitted(router.get("/api/v1/disclosure/missing"), auth, blocking, Permission.VIEW_DISCLOSURES)
                .handler(ctx -> missing(ctx, blocking));
    }

    /** {@code GET /api/v1/disclosure/missing?month=&scope=}: villages with nothing submitted, yellow / orange / red. */
    private void missing(RoutingContext ctx, BlockingWork blocking) {
        DisclosureMonth month = month(ctx.request().getParam("month"));
        String scope = scope(ctx);
        blocking.run(() -> {
            JsonArray villages = new JsonArray();
            missing.of(month, scope, missing.today()).forEach(m -> villages.add(new JsonObject().put("code", m.villageCode())
                    .put("name", m.villageName()).put("colour", m.colour().wireName()).put("pushDate", m.pushDate().toString())
                    .put("orangeFrom", m.orangeFrom().toString()).put("redFrom", m.redFrom().toString())));
            return new JsonObject().put("month", month.wire()).put("scope", scope).put("villages", villages);
        }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    /** The region asked for ({@code scope}), inside the caller's own; the caller's own when none is asked. */
    private static String scope(RoutingContext ctx) {
        Actor by = Authentication.actor(ctx);
        String scope = ctx.request().getParam("scope");
        if (scope == null || scope.isBlank()) {
            return by.isPlatformWide() ? "" : by.scopeCode();
        }
        if (!scope.matches("[0-9]{4,12}")) {
            throw ApiError.badRequest("scope 应为 4 到 12 位区划代码");
        }
        Authentication.requireIn(ctx, Permission.VIEW_DISCLOSURES, scope);
        return scope;
    }

    private void upload(RoutingContext ctx, BlockingWork blocking) {
        String village = ctx.pathParam("code");
        Authentication.requireIn(ctx, Permission.UPLOAD_DISCLOSURE, village);
        DisclosureMonth month = month(ctx.pathParam("month"));
        Optional<TableFormat> sheet = SheetLines.formatOf(ctx.request().getHeader("Content-Type"));
        int version;
        Object reason;
        Callable<JsonLines.Parsed> lines;
        if (sheet.isPresent()) {
            // A sheet carries only lines: the version and a correction's reason come as query parameters.
            String v = ctx.request().getParam("version");
            if (v != null && !v.matches("[0-9]{1,2}")) {
                throw ApiError.badRequest("version 应为整数");
            }
            version = v == null ? 1 : Integer.parseInt(v);
            reason = ctx.request().getParam("correctionReason");
            byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            lines = () -> SheetLines.parse(bytes, sheet.get(), month);
        } else {
            JsonObject body = jsonBody(ctx);
            version = body.getValue("version") == null ? 1 : integer(body, "version");
            reason = body.getValue("correctionReason");
            lines = () -> JsonLines.parse(body, month);
        }
        if (reason != null && !(reason instanceof String)) {
            throw ApiError.badRequest("correctionReason 应为文字");
        }
        Actor by = Authentication.actor(ctx);
        blocking.run(() -> {
            JsonLines.Parsed parsed = lines.call();
            if (parsed instanceof JsonLines.Problems problems) {
                return (UploadOutcome) new UploadOutcome.Invalid(problems.problems());
            }
            return desk.upload(by, village, month, version, (String) reason, ((JsonLines.Lines) parsed).lines());
        }).onSuccess(outcome -> {
            if (outcome instanceof UploadOutcome.Accepted accepted) {
                JsonArray warnings = new JsonArray();
                accepted.warnings().forEach(w -> warnings.add(warningJson(w)));
                Responses.json(ctx, accepted.unchanged() ? 200 : 201, new JsonObject().put("id", accepted.disclosureId())
                        .put("version", accepted.version()).put("unchanged", accepted.unchanged()).put("warnings", warnings));
            } else if (outcome instanceof UploadOutcome.Invalid invalid) {
                ctx.fail(invalidLines(invalid.problems()));
            } else if (outcome instanceof UploadOutcome.Refused refused) {
                ctx.fail(error(refused.refusal()));
            }
        }).onFailure(ctx::fail);
    }

    static ApiError invalidLines(List<LineProblem> problems) {
        JsonArray errors = new JsonArray();
        problems.forEach(p -> errors.add(new JsonObject().put("part", p.part()).put("row", p.row()).put("column", p.column()).put("message", p.message())));
        return new ApiError(422, "invalid_lines", "上传内容有 " + problems.size() + " 处错误，未保存任何内容", new JsonObject().put("errors", errors));
    }

    private void versions(RoutingContext ctx, BlockingWork blocking) {
        String village = ctx.pathParam("code");
        Authentication.requireIn(ctx, Permission.VIEW_DISCLOSURES, village);
        DisclosureMonth month = month(ctx.pathParam("month"));
        blocking.run(() -> {
            JsonArray all = new JsonArray();
            for (long id : views.versionIds(village, month)) {
                views.detail(id).ifPresent(all::add);
            }
            return new JsonObject().put("villageCode", village).put("month", month.wire()).put("versions", all);
        }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private void detail(RoutingContext ctx, BlockingWork blocking) {
        long id = id(ctx.pathParam("id"));
        Actor by = Authentication.actor(ctx);
        blocking.run(() -> views.villageOf(id).filter(v -> AccessPolicy.covers(by, v)).flatMap(v -> views.detail(id))
                        .orElseThrow(() -> new ApiError(404, "not_found", "没有公开记录 " + id)))
                .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/disclosures/{id}/invoices/{row}/image}: the invoice's photo, for the console's review page. */
    private void invoiceImage(RoutingContext ctx, BlockingWork blocking) {
        long id = id(ctx.pathParam("id"));
        int row = (int) id(ctx.pathParam("row"));
        Actor by = Authentication.actor(ctx);
        blocking.run(() -> views.villageOf(id).filter(v -> AccessPolicy.covers(by, v)).flatMap(v -> views.invoiceImage(id, row))
                        .orElseThrow(() -> new ApiError(404, "not_found", "公开记录 " + id + " 的第 " + row + " 张发票没有图片")))
                .onSuccess(bytes -> ctx.response().putHeader("Content-Type", isPng(bytes) ? "image/png" : "image/jpeg")
                        .putHeader("Cache-Control", "private, max-age=300").end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    /** The cleaner keeps a PNG a PNG and makes everything else a JPEG; the first bytes tell which. */
    private static boolean isPng(byte[] bytes) {
        return bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    }

    private void review(RoutingContext ctx, BlockingWork blocking) {
        long id = id(ctx.pathParam("id"));
        int row = (int) id(ctx.pathParam("row"));
        JsonObject body = jsonBody(ctx);
        Decision decision = Decision.parse(body.getValue("decision") instanceof String s ? s : null)
                .orElseThrow(() -> ApiError.badRequest("decision 应为 approve 或 reject"));
        Object reason = body.getValue("reason");
        if (reason != null && !(reason instanceof String)) {
            throw ApiError.badRequest("reason 应为文字");
        }
        Actor by = Authentication.actor(ctx);
        blocking.run(() -> desk.review(by, id, row, decision, (String) reason)).onSuccess(outcome -> {
            if (outcome instanceof ReviewOutcome.Recorded r) {
                Responses.json(ctx, 200, new JsonObject().put("id", r.disclosureId()).put("row", r.lineNo()).put("decision", r.decision().wireName())
                        .put("status", r.status().wireName()).put("undecided", r.undecided()));
            } else if (outcome instanceof ReviewOutcome.Refused refused) {
                ctx.fail(error(refused.refusal()));
            }
        }).onFailure(ctx::fail);
    }

    private void showCatalogue(RoutingContext ctx, BlockingWork blocking) {
        String county = county(ctx);
        Authentication.requireIn(ctx, Permission.VIEW_DISCLOSURES, county);
        blocking.run(() -> catalogueJson(county, catalogue.of(county))).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private void replaceCatalogue(RoutingContext ctx, BlockingWork blocking) {
        String county = county(ctx);
        Authentication.requireIn(ctx, Permission.EDIT_DISCLOSURE_CATALOGUE, county);
        JsonObject body = jsonBody(ctx);
        if (!(body.getValue("items") instanceof JsonArray array) || array.isEmpty() || array.size() > 200) {
            throw ApiError.badRequest("items 应为 1 到 200 项的数组");
        }
        List<CatalogueItem> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject o)) {
                throw ApiError.badRequest("items[" + (i + 1) + "] 应为对象");
            }
            int row = i + 1;
            Category category = Category.fromWire(o.getValue("category") instanceof String s ? s : null)
                    .orElseThrow(() -> ApiError.badRequest("items[" + row + "].category 应为 party、village 或 finance"));
            Cadence cadence = Cadence.fromWire(o.getValue("cadence") instanceof String s ? s : null)
                    .orElseThrow(() -> ApiError.badRequest("items[" + row + "].cadence 应为 monthly、quarterly 或 on_occurrence"));
            String name = o.getValue("name") instanceof String s ? s.strip() : "";
            if (name.isEmpty() || name.codePointCount(0, name.length()) > CatalogueItem.MAX_NAME) {
                throw ApiError.badRequest("items[" + row + "].name 应为 1 到 " + CatalogueItem.MAX_NAME + " 个字");
            }
            items.add(new CatalogueItem(row, category, name, cadence));
        }
        blocking.run(() -> catalogueJson(county, catalogue.replace(county, items))).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private static JsonObject catalogueJson(String county, Catalogue.Listing listing) {
        JsonArray items = new JsonArray();
        listing.items().forEach(i -> items.add(new JsonObject().put("position", i.position()).put("category", i.category().wireName())
                .put("categoryLabel", i.category().label()).put("name", i.name()).put("cadence", i.cadence().wireName())
                .put("cadenceLabel", i.cadence().label())));
        return new JsonObject().put("countyCode", county).put("source", listing.countyOwn() ? "county" : "default").put("items", items);
    }

    private void push(RoutingContext ctx, BlockingWork blocking) {
        DisclosureMonth month = month(ctx.request().getParam("month"));
        String within = scope(ctx);
        blocking.run(() -> pushReport.of(month, within)).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    static JsonObject warningJson(SmartWarning w) {
        return new JsonObject().put("rule", w.rule().wireName()).put("label", w.rule().label()).put("colour", w.colour().wireName())
                .put("message", w.message()).put("evidence", w.evidence());
    }

    private static ApiError error(Refusal refusal) {
        return new ApiError(refusal.status(), refusal.code(), refusal.message());
    }

    private static DisclosureMonth month(String text) {
        return DisclosureMonth.parse(text).orElseThrow(() -> ApiError.badRequest("月份应写作 yyyy-mm，例如 2026-03"));
    }

    private static String county(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        if (code == null || !code.matches("[0-9]{6}")) {
            throw ApiError.badRequest("县级区划代码为 6 位数字");
        }
        return code;
    }

    private static long id(String text) {
        if (text == null || !text.matches("[0-9]{1,18}")) {
            throw new ApiError(404, "not_found", "没有该记录");
        }
        return Long.parseLong(text);
    }

    private static int integer(JsonObject body, String field) {
        if (!(body.getValue(field) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw ApiError.badRequest(field + " 应为整数");
        }
        return n.intValue();
    }

    private static JsonObject jsonBody(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "unsupported_media_type", "请以 Content-Type: application/json 发送");
        }
        try {
            Object parsed = ctx.body().buffer() == null ? null : io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
            if (parsed instanceof JsonObject o) {
                return o;
            }
        } catch (DecodeException e) {
            throw ApiError.badRequest("请求体不是有效的 JSON");
        }
        throw ApiError.badRequest("请求体应为 JSON 对象");
    }
}
