package org.jianqun.core.calendar;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Chinese working days in Asia/Shanghai, from the State Council's holiday notices kept as data
 * (DESIGN.md "Ticket lifecycle"). A date named in its year's notice is off (法定节假日) or a make-up
 * working day (调休) as the notice says; any other date is a working day Monday to Friday and off at
 * the weekend. A year without a published notice has no data: every computation that needs one of
 * its dates throws {@link NoCalendarDataException} naming it, never guessing from the weekdays.
 *
 * <p>Immutable and thread-safe. The data is read once, at construction: a new or corrected file in
 * the operator directory takes effect with the next instance (a restart), without a rebuild.
 */
public final class WorkingDayCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final int MIN_WORKDAYS = 1;
    /** The longest period the platform sets (复杂 is 15); a bigger number is a mistake, not a deadline. */
    public static final int MAX_WORKDAYS = 60;
    private static final Duration ONE_WORKING_DAY = Duration.ofHours(24);

    private final Map<Integer, HolidayYear> years;

    /**
     * @param operatorDirectory a directory of {@code <year>.json} files that replace or add to the
     *                          shipped years; null for the shipped data only
     * @throws HolidayDataException when a file is malformed or the directory is unusable (named)
     */
    public WorkingDayCalendar(Path operatorDirectory) {
        this.years = Map.copyOf(HolidayFiles.load(operatorDirectory));
    }

    public static WorkingDayCalendar shipped() {
        return new WorkingDayCalendar(null);
    }

    /** The years whose notice is published, for an operator's status page. */
    public SortedSet<Integer> yearsWithData() {
        SortedSet<Integer> published = new TreeSet<>();
        years.values().stream().filter(HolidayYear::published).forEach(y -> published.add(y.year()));
        return Collections.unmodifiableSortedSet(published);
    }

    /** @throws NoCalendarDataException when the date's year has no published notice */
    public boolean isWorkingDay(LocalDate date) {
        HolidayYear year = years.get(date.getYear());
        if (year == null) {
            throw new NoCalendarDataException(date.getYear(), "no file for that year");
        }
        if (!year.published()) {
            throw new NoCalendarDataException(date.getYear(), year.source() + " lists no days: not yet published");
        }
        Boolean off = year.offByDate().get(date);
        if (off != null) {
            return !off;
        }
        DayOfWeek weekday = date.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
    }

    /**
     * The end of the {@code workdays}-th working day after {@code from}: counting starts on the
     * working day after the day of {@code from} (in Asia/Shanghai), so the start day never counts,
     * whether it is a working day, a holiday, or its last minute. The deadline is 24:00 of that
     * working day, returned as 00:00 of the next calendar day at +08:00.
     *
     * @throws IllegalArgumentException when workdays is outside 1..60
     * @throws NoCalendarDataException  when the counting reaches a year without data (the year is named)
     */
    public ZonedDateTime deadline(Instant from, int workdays) {
        if (workdays < MIN_WORKDAYS || workdays > MAX_WORKDAYS) {
            throw new IllegalArgumentException("workdays must be between " + MIN_WORKDAYS + " and " + MAX_WORKDAYS + ", was " + workdays);
        }
        LocalDate day = from.atZone(ZONE).toLocalDate();
        int counted = 0;
        while (counted < workdays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day.plusDays(1).atStartOfDay(ZONE);
    }

    /**
     * The working time left between {@code now} and {@code deadline}: the part of that interval that
     * lies on working days, each working day counting its full 24 hours and every holiday or weekend
     * day nothing. Zero once the deadline has passed. Friday 12:00 before a deadline at the end of
     * Monday leaves 36 hours (12 of Friday, none of the weekend, 24 of Monday).
     *
     * @throws NoCalendarDataException when a day in between lies in a year without data
     */
    public Duration workingTimeLeft(Instant now, Instant deadline) {
        return workingTimeBetween(now, deadline, null);
    }

    /**
     * The yellow warning's test (三色预警, "less than one working day left"): true when
     * {@link #workingTimeLeft} is under 24 hours. It is also true once the deadline has passed (no
     * time is left); a caller that tells yellow from overdue tests overdue first.
     *
     * <p>Because only working days count, a ticket due at the end of the first working day after a
     * week-long holiday is not yellow during the holiday: it still has that whole working day.
     */
    public boolean lessThanOneWorkingDayLeft(Instant now, Instant deadline) {
        return workingTimeBetween(now, deadline, ONE_WORKING_DAY).compareTo(ONE_WORKING_DAY) < 0;
    }

    /** Sums working time day by day; stops at {@code enough} so a yes/no question reads no further years than it must. */
    private Duration workingTimeBetween(Instant now, Instant end, Duration enough) {
        Duration total = Duration.ZERO;
        LocalDate day = now.atZone(ZONE).toLocalDate();
        Instant dayStart = day.atStartOfDay(ZONE).toInstant();
        while (dayStart.isBefore(end) && (enough == null || total.compareTo(enough) < 0)) {
            Instant nextDayStart = day.plusDays(1).atStartOfDay(ZONE).toInstant();
            Instant from = now.isAfter(dayStart) ? now : dayStart;
            Instant to = end.isBefore(nextDayStart) ? end : nextDayStart;
            if (from.isBefore(to) && isWorkingDay(day)) {
                total = total.plus(Duration.between(from, to));
            }
            day = day.plusDays(1);
            dayStart = nextDayStart;
        }
        return total;
    }
}
