package org.jianqun.console.tickets;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Responses;
import org.jianqun.core.ticket.TicketDeadlines;

/**
 * {@code GET /api/v1/calendar/deadline?from=<ISO instant>&workdays=<n>} → {@code {"deadline":"…+08:00",
 * "provisional":bool,"text"}}: the deadline the platform would set, for the console's preview; provisional
 * (暂定) when it counts into a year whose holiday notice is not loaded (weekend rule alone).
 *
 * <p>Open without a login, on purpose: it answers from the State Council's published holidays and
 * the platform's published periods (every chat reply states a deadline), so it reveals nothing, and
 * it touches neither the database nor Redis. For the same reason it runs on the event loop: it is
 * arithmetic over at most a few months of in-memory days, never blocking.
 */
public final class CalendarRoutes {
    private final WorkingDayCalendar calendar;

    public CalendarRoutes(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    public void mount(Router router) {
        router.get("/api/v1/calendar/deadline").handler(this::deadline);
    }

    private void deadline(RoutingContext ctx) {
        Instant from = fromParam(ctx.queryParams().get("from"));
        int workdays = workdaysParam(ctx.queryParams().get("workdays"));
        ZonedDateTime deadline = calendar.deadline(from, workdays);
        boolean provisional = calendar.provisional(from, deadline.toInstant());
        Responses.json(ctx, 200, new JsonObject()
                .put("deadline", deadline.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .put("provisional", provisional)
                .put("text", TicketDeadlines.describe(deadline.toInstant(), provisional)));
    }

    /**
     * An instant with its offset ({@code Z} or {@code +08:00}). An unencoded '+' in a query string
     * arrives as a space; it can only have been the offset's sign, so it is put back.
     */
    private static Instant fromParam(String value) {
        if (value == null || value.isBlank()) {
            throw ApiError.badRequest("缺少参数 'from'：请写带时区的时刻，例如 2026-02-13T10:00:00+08:00");
        }
        String text = value.strip().replace(' ', '+');
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("参数 'from'：“" + value + "”不是带时区的时刻，请写成 2026-02-13T10:00:00+08:00 这样");
        }
    }

    private static int workdaysParam(String value) {
        if (value == null || !value.matches("\\d{1,3}") || Integer.parseInt(value) < WorkingDayCalendar.MIN_WORKDAYS
                || Integer.parseInt(value) > WorkingDayCalendar.MAX_WORKDAYS) {
            throw ApiError.badRequest("参数 'workdays' 应为 " + WorkingDayCalendar.MIN_WORKDAYS
                    + " 到 " + WorkingDayCalendar.MAX_WORKDAYS + " 的整数，收到的是" + (value == null ? "空" : "“" + value + "”"));
        }
        return Integer.parseInt(value);
    }
}
