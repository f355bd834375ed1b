package org.jianqun.console.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.OptionalInt;
import org.jianqun.console.QueryParams;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.calendar.HolidayDataException;
import org.jianqun.core.desk.HolidayLoads;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.ticket.Initiator;

/**
 * The holiday data (节假日安排), for platform-wide administrators: the calendar is the whole platform's.
 * <ul>
 * <li>{@code GET /api/v1/admin/holidays} → {@code {"yearsWithData":[…],"loaded":[{"year","days","loadedAt","loadedBy"}],
 *     "missingNextYear":2027|null,"warning":"…"|null}}: from 1 November, the warning that next year is missing.</li>
 * <li>{@code POST /api/v1/admin/holidays/{year}}, body {@code application/json} in holiday-cn's format → 200
 *     {@code {"year","days","ticketsLooked","deadlinesMoved"}}; a bad file is 400 {@code invalid_holiday_file} whose
 *     message names what is wrong, and nothing is stored.</li>
 * </ul>
 */
public final class HolidayRoutes {
    private static final long BODY_LIMIT = HolidayLoads.MAX_FILE_BYTES;

    private final AuthService auth;
    private final HolidayLoads holidays;

    public HolidayRoutes(AuthService auth, HolidayLoads holidays) {
        this.auth = auth;
        this.holidays = holidays;
    }

    public void mount(Router router, BlockingWork blocking) {
        Authentication.permitted(router.get("/api/v1/admin/holidays"), auth, blocking, Permission.LOAD_HOLIDAYS)
                .handler(HolidayRoutes::platformWide)
                .handler(ctx -> status(ctx, blocking));
        Authentication.permitted(router.post("/api/v1/admin/holidays/:year").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)),
                        auth, blocking, Permission.LOAD_HOLIDAYS)
                .handler(HolidayRoutes::platformWide)
                .handler(HolidayRoutes::requireJson)
                .handler(ctx -> load(ctx, blocking));
    }

    private static void platformWide(RoutingContext ctx) {
        if (!Authentication.actor(ctx).isPlatformWide()) {
            ctx.fail(new ApiError(403, "forbidden", "节假日安排全平台通用，只有全平台管理员可以查看和载入"));
            return;
        }
        ctx.next();
    }

    private static void requireJson(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            ctx.fail(new ApiError(415, "unsupported_media_type", "请以 Content-Type: application/json 上传 holiday-cn 格式的文件"));
            return;
        }
        ctx.next();
    }

    private void status(RoutingContext ctx, BlockingWork blocking) {
        blocking.run(holidays::loadedYears).onSuccess(loaded -> {
            JsonArray years = new JsonArray();
            loaded.forEach(y -> years.add(new JsonObject().put("year", y.year()).put("days", y.days())
                    .put("loadedAt", QueryParams.time(y.loadedAt())).put("loadedBy", y.loadedBy())));
            OptionalInt missing = holidays.missingNextYear();
            Responses.json(ctx, 200, new JsonObject()
                    .put("yearsWithData", new JsonArray(java.util.List.copyOf(holidays.calendar().yearsWithData())))
                    .put("loaded", years)
                    .put("missingNextYear", missing.isPresent() ? missing.getAsInt() : null)
                    .put("warning", holidays.warning().orElse(null)));
        }).onFailure(ctx::fail);
    }

    private void load(RoutingContext ctx, BlockingWork blocking) {
        String yearText = ctx.pathParam("year");
        if (!yearText.matches("\\d{4}")) {
            ctx.fail(new ApiError(400, "invalid_holiday_file", "地址中的年份「" + clip(yearText) + "」应为四位数字，如 2027"));
            return;
        }
        int year = Integer.parseInt(yearText);
        byte[] json = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        Actor by = Authentication.actor(ctx);
        blocking.run(() -> holidays.load(year, json, new Initiator.ByActor(by).describe())).onSuccess(loaded ->
                Responses.json(ctx, 200, new JsonObject()
                        .put("year", loaded.year())
                        .put("days", loaded.days())
                        .put("ticketsLooked", loaded.looked())
                        .put("deadlinesMoved", loaded.moved())))
                .onFailure(e -> ctx.fail(e instanceof HolidayDataException bad
                        ? new ApiError(400, "invalid_holiday_file", bad.getMessage()) : e));
    }

    private static String clip(String text) {
        return text.codePointCount(0, text.length()) > 10 ? text.substring(0, text.offsetByCodePoints(0, 10)) + "…" : text;
    }
}
