package org.jianqun.core.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * How many owner-confirmed group-sends (企业群发) one external customer group may receive
 * ({@code JIANQUN_WECOM_GROUPSEND_LIMIT}). WeCom's page on customer-group sends, as updated 2025-11-17,
 * allows as many a natural month as the month has days, and lets an administrator set seven a week or one a
 * day instead; a corp with an older rule (the long-quoted four a month) sets a number a month.
 *
 * @param period   the window the count applies to, in China's calendar (a week runs Monday to Sunday)
 * @param count    sends per window; ignored when {@code asManyAsDays}
 * @param asManyAsDays the official default ({@link #monthDays()}): as many a month as the month has days
 */
public record GroupSendLimit(Period period, int count, boolean asManyAsDays) {
    public static final int MAX_PER_MONTH = 31;

    public enum Period {
        DAY("日"), WEEK("周"), MONTH("月");

        private final String word;

        Period(String word) {
            this.word = word;
        }

        /** 本日 / 本周 / 本月. */
        public String word() {
            return word;
        }
    }

    public GroupSendLimit {
        if (!asManyAsDays && (count < 1 || count > MAX_PER_MONTH)) {
            throw new IllegalArgumentException("a group-send limit is 1 to " + MAX_PER_MONTH + ", was " + count);
        }
    }

    /** The default, WeCom's rule since 2025-11. */
    public static GroupSendLimit monthDays() {
        return new GroupSendLimit(Period.MONTH, 0, true);
    }

    public static GroupSendLimit weekly7() {
        return new GroupSendLimit(Period.WEEK, 7, false);
    }

    public static GroupSendLimit daily1() {
        return new GroupSendLimit(Period.DAY, 1, false);
    }

    public static GroupSendLimit perMonth(int count) {
        return new GroupSendLimit(Period.MONTH, count, false);
    }

    /** {@code month-days}, {@code weekly-7}, {@code daily-1}, or a whole number a month (1–31). */
    static GroupSendLimit parse(String name, String value) {
        String v = value.strip();
        switch (v) {
            case "month-days":
                return monthDays();
            case "weekly-7":
                return weekly7();
            case "daily-1":
                return daily1();
            default:
                if (v.matches("\\d{1,2}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= MAX_PER_MONTH) {
                    return perMonth(Integer.parseInt(v));
                }
                throw new ConfigException(name, "must be month-days, weekly-7, daily-1 or a number a month from 1 to "
                        + MAX_PER_MONTH + ", got '" + value + "'");
        }
    }

    /** The first day of the window holding {@code day}. */
    public LocalDate windowStart(LocalDate day) {
        return switch (period) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The day after the window holding {@code day}. */
    public LocalDate windowEnd(LocalDate day) {
        return switch (period) {
            case DAY -> day.plusDays(1);
            case WEEK -> windowStart(day).plusWeeks(1);
            case MONTH -> day.withDayOfMonth(1).plusMonths(1);
        };
    }

    /** Sends the window holding {@code day} allows. */
    public int allowedIn(LocalDate day) {
        return asManyAsDays ? day.lengthOfMonth() : count;
    }

    /** As the variable is written. */
    public String wireName() {
        if (asManyAsDays) {
            return "month-days";
        }
        return switch (period) {
            case DAY -> "daily-" + count;
            case WEEK -> "weekly-" + count;
            case MONTH -> Integer.toString(count);
        };
    }
}
