package org.jianqun.console.stats;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.jianqun.core.access.Actor;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.statistics.Grouping;

/** The statistics routes' parameters, each read or refused with a 400 that names it. */
final class StatsParams {
    /** A period is at most this long (issue 14): longer is a 400 naming {@code to}. */
    static final int MAX_YEARS = 3;

    private StatsParams() {
    }

    /** {@code scope}: a region code (4, 6, 9 or 12 digits); absent, the caller's own scope. */
    static String scope(RoutingContext ctx, Actor by) {
        String value = ctx.queryParams().get("scope");
        if (value == null || value.isEmpty()) {
            if (by.scopeCode() == null) {
                throw ApiError.badRequest("parameter 'scope': required (a region code)");
            }
            return by.scopeCode();
        }
        if (!value.matches("\\d{4}|\\d{6}|\\d{9}|\\d{12}")) {
            throw ApiError.badRequest("parameter 'scope': '" + clip(value) + "' is not a region code (4, 6, 9 or 12 digits)");
        }
        return value;
    }

    record Period(LocalDate from, LocalDate to) {
    }

    /** {@code from}, {@code to}: ISO dates, inclusive; absent, this month so far. */
    static Period period(RoutingContext ctx, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE));
        LocalDate from = date(ctx, "from", today.withDayOfMonth(1));
        LocalDate to = date(ctx, "to", today);
        if (from.isAfter(to)) {
            throw ApiError.badRequest("parameter 'from': " + from + " is after 'to' " + to);
        }
        if (to.isAfter(from.plusYears(MAX_YEARS).minusDays(1))) {
            throw ApiError.badRequest("parameter 'to': the period " + from + " to " + to + " is over " + MAX_YEARS + " years");
        }
        return new Period(from, to);
    }

    static Grouping by(RoutingContext ctx) {
        String value = ctx.queryParams().get("by");
        if (value == null || value.isEmpty()) {
            return Grouping.VILLAGE;
        }
        return Grouping.fromWire(value).orElseThrow(() ->
                ApiError.badRequest("parameter 'by': '" + clip(value) + "' is not one of " + Grouping.WIRE_NAMES));
    }

    static YearMonth month(RoutingContext ctx, Clock clock) {
        String value = ctx.queryParams().get("month");
        if (value == null || value.isEmpty()) {
            return YearMonth.now(clock.withZone(WorkingDayCalendar.ZONE));
        }
        try {
            if (value.matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(value);
            }
        } catch (DateTimeParseException e) {
            // fall through to the 400 below
        }
        throw ApiError.badRequest("parameter 'month': '" + clip(value) + "' is not a month like 2026-03");
    }

    /** Which table a CSV export carries ({@code table=rows|categories|problems}); JSON carries them all. */
    static String table(RoutingContext ctx) {
        String value = ctx.queryParams().get("table");
        if (value == null || value.isEmpty()) {
            return "rows";
        }
        if (!value.equals("rows") && !value.equals("categories") && !value.equals("problems")) {
            throw ApiError.badRequest("parameter 'table': '" + clip(value) + "' is not one of rows|categories|problems");
        }
        return value;
    }

    private static LocalDate date(RoutingContext ctx, String name, LocalDate fallback) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // fall through to the 400 below
        }
        throw ApiError.badRequest("parameter '" + name + "': '" + clip(value) + "' is not a date like 2026-03-01");
    }

    private static String clip(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…" : value;
    }
}
