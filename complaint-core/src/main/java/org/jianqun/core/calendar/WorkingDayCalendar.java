package org.jianqun.core.calendar;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Chinese working days in Asia/Shanghai, from the State Council's holiday notices kept as data
 * (DESIGN.md "Ticket lifecycle"). A date named in its year's notice is off (法定节假日) or a make-up
 * working day (调休) as the notice says; any other date is a working day Monday to Friday and off at
 * the weekend. A year whose notice is not loaded (no file, or an empty one: not yet published) is
 * counted by the weekend rule alone, and whatever is computed from its days is <b>provisional</b>
 * (暂定, {@link #provisional}): a deadline is always set, so tickets keep escalating in January, and
 * everyone sees that it may move once the notice is loaded.
 *
 * <p>Thread-safe. The years are one immutable snapshot that {@link #publish} replaces at once (an
 * administrator loads a year without a restart); each computation reads one snapshot throughout.
 */
public final class WorkingDayCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final int MIN_WORKDAYS = 1;
    /** The longest period the platform sets (复杂 is 15); a bigger number is a mistake, not a deadline. */
    public static final int MAX_WORKDAYS = 60;
    /** From this day of the year on, next year's missing notice is worth an administrator's warning (DESIGN.md). */
    public static final MonthDay WARN_FROM = MonthDay.of(Month.NOVEMBER, 1);
    private static final Duration ONE_WORKING_DAY = Duration.ofHours(24);

    private final AtomicReference<Map<Integer, HolidayYear>> years;

    /**
     * @param operatorDirectory a directory of {@code <year>.json} files that replace or add to the
     *                          shipped years; null for the shipped data only
     * @throws HolidayDataException when a file is malformed or the directory is unusable (named)
     */
    public WorkingDayCalendar(Path operatorDirectory) {
        this(HolidayFiles.load(operatorDirectory));
    }

    private WorkingDayCalendar(Map<Integer, HolidayYear> years) {
        this.years = new AtomicReference<>(Map.copyOf(years));
    }

    public static WorkingDayCalendar shipped() {
        return new WorkingDayCalendar((Path) null);
    }

    /** A calendar fixed at what this one knows now: what a deadline was before a year is published. */
    public WorkingDayCalendar snapshot() {
        return new WorkingDayCalendar(years.get());
    }

    /** Adds or replaces a year at once, for every computation that starts after. */
    public void publish(HolidayYear year) {
        years.updateAndGet(current -> {
            Map<Integer, HolidayYear> next = new TreeMap<>(current);
            next.put(year.year(), year);
            return Map.copyOf(next);
        });
    }

    /** The year as this calendar holds it, if it has a file for it (possibly an empty, unpublished one). */
    public Optional<HolidayYear> year(int year) {
        return Optional.ofNullable(years.get().get(year));
    }

    /** The years whose notice is published, for an operator's status page. */
    public SortedSet<Integer> yearsWithData() {
        SortedSet<Integer> published = new TreeSet<>();
        years.get().values().stream().filter(HolidayYear::published).forEach(y -> published.add(y.year()));
        return Collections.unmodifiableSortedSet(published);
    }

    public boolean hasNotice(int year) {
        HolidayYear known = years.get().get(year);
        return known != null && known.published();
    }

    /**
     * Next year, when its notice is missing and {@code now} is on or after 1 November (China time): the
     * year an administrator must load before deadlines running into it stop being provisional.
     */
    public OptionalInt missingNextYear(Instant now) {
        LocalDate today = now.atZone(ZONE).toLocalDate();
        int next = today.getYear() + 1;
        return !MonthDay.from(today).isBefore(WARN_FROM) && !hasNotice(next) ? OptionalInt.of(next) : OptionalInt.empty();
    }

    public boolean isWorkingDay(LocalDate date) {
        return isWorkingDay(years.get(), date);
    }

    private static boolean isWorkingDay(Map<Integer, HolidayYear> years, LocalDate date) {
        HolidayYear year = years.get(date.getYear());
        Boolean off = year == null ? null : year.offByDate().get(date);
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
     * working day, returned as 00:00 of the next calendar day at +08:00. Days of a year without a
     * notice count by the weekend rule: see {@link #provisional}.
     *
     * @throws IllegalArgumentException when workdays is outside 1..60
     */
    public ZonedDateTime deadline(Instant from, int workdays) {
        if (workdays < MIN_WORKDAYS || workdays > MAX_WORKDAYS) {
            throw new IllegalArgumentException("workdays must be between " + MIN_WORKDAYS + " and " + MAX_WORKDAYS + ", was " + workdays);
        }
        Map<Integer, HolidayYear> known = years.get();
        LocalDate day = from.atZone(ZONE).toLocalDate();
        int counted = 0;
        while (counted < workdays) {
            day = day.plusDays(1);
            if (isWorkingDay(known, day)) {
                counted++;
            }
        }
        return day.plusDays(1).atStartOfDay(ZONE);
    }

    /**
     * Whether a period counted from {@code from} to {@code end} (a deadline) read a day of a year
     * without a notice: then it is provisional (暂定) and may move when that year is loaded. The day
     * of {@code from} never counts, and a deadline at 24:00 of 31 December needs nothing of the next year.
     */
    public boolean provisional(Instant from, Instant end) {
        Map<Integer, HolidayYear> known = years.get();
        int first = from.atZone(ZONE).toLocalDate().plusDays(1).getYear();
        int last = end.minusNanos(1).atZone(ZONE).toLocalDate().getYear();
        for (int year = first; year <= last; year++) {
            HolidayYear notice = known.get(year);
            if (notice == null || !notice.published()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The working time left between {@code now} and {@code deadline}: the part of that interval that
     * lies on working days, each working day counting its full 24 hours and every holiday or weekend
     * day nothing. Zero once the deadline has passed. Friday 12:00 before a deadline at the end of
     * Monday leaves 36 hours (12 of Friday, none of the weekend, 24 of Monday).
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

    /** Sums working time day by day; stops at {@code enough} so a yes/no question reads no further than it must. */
    private Duration workingTimeBetween(Instant now, Instant end, Duration enough) {
        Map<Integer, HolidayYear> known = years.get();
        Duration total = Duration.ZERO;
        LocalDate day = now.atZone(ZONE).toLocalDate();
        Instant dayStart = day.atStartOfDay(ZONE).toInstant();
        while (dayStart.isBefore(end) && (enough == null || total.compareTo(enough) < 0)) {
            Instant nextDayStart = day.plusDays(1).atStartOfDay(ZONE).toInstant();
            Instant from = now.isAfter(dayStart) ? now : dayStart;
            Instant to = end.isBefore(nextDayStart) ? end : nextDayStart;
            if (from.isBefore(to) && isWorkingDay(known, day)) {
                total = total.plus(Duration.between(from, to));
            }
            day = day.plusDays(1);
            dayStart = nextDayStart;
        }
        return total;
    }
}
