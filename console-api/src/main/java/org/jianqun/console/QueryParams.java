package org.jianqun.console;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.http.ApiError;

/** How every console list reads its paging parameters and writes its times, so they read and fail alike. */
public final class QueryParams {
    private QueryParams() {
    }

    /** {@code limit}: 1 to {@code max}, {@code fallback} when absent; a 400 naming the parameter otherwise. */
    public static int limit(RoutingContext ctx, int fallback, int max) {
        String value = ctx.queryParams().get("limit");
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (!value.matches("\\d{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
            throw ApiError.badRequest("参数 'limit'：“" + value + "”应为 1 到 " + max + " 的整数");
        }
        return Integer.parseInt(value);
    }

    /** {@code before}: the {@code next} of the previous page, or null for the first; {@code what} names what it is. */
    public static Long before(RoutingContext ctx, String what) {
        String value = ctx.queryParams().get("before");
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches("[1-9]\\d{0,17}")) {
            throw ApiError.badRequest("参数 'before'：“" + value + "”不是" + what + "（请用上一页返回的 next）");
        }
        return Long.parseLong(value);
    }

    /** An instant as the console shows it: ISO-8601 at +08:00, the platform's working time. */
    public static String time(Instant instant) {
        return instant == null ? null : instant.atZone(WorkingDayCalendar.ZONE).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
