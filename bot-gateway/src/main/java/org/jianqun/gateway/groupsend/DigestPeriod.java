package org.jianqun.gateway.groupsend;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A stretch of days one village digest covers. DIGEST_PERIODS: a month is cut into the 1st–10th, the
 * 11th–20th and the 21st to its end (China time) — three digests, which with the monthly disclosure
 * fill the four group-sends a month an external group takes. A period's digest is due at 09:00 on the
 * day after it ends, when cadres are at work to confirm it.
 *
 * @param first the first day, inclusive
 * @param last  the last day, inclusive
 */
public record DigestPeriod(LocalDate first, LocalDate last) {
    static final ZoneId CHINA = GroupSendSchedule.CHINA;
    static final LocalTime DUE_AT = LocalTime.of(9, 0);

    public DigestPeriod {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("a period ends after it starts");
        }
    }

    /** The period a day falls in. */
    public static DigestPeriod containing(LocalDate day) {
        int d = day.getDayOfMonth();
        if (d <= 10) {
            return new DigestPeriod(day.withDayOfMonth(1), day.withDayOfMonth(10));
        }
        if (d <= 20) {
            return new DigestPeriod(day.withDayOfMonth(11), day.withDayOfMonth(20));
        }
        return new DigestPeriod(day.withDayOfMonth(21), day.withDayOfMonth(day.lengthOfMonth()));
    }

    /** The latest period whose digest is due at {@code now}: only that one, never a backlog after an outage. */
    public static DigestPeriod latestDue(Instant now) {
        LocalDate today = now.atZone(CHINA).toLocalDate();
        DigestPeriod candidate = containing(today).previous();
        return candidate.dueAt().isAfter(now) ? candidate.previous() : candidate;
    }

    public DigestPeriod previous() {
        return containing(first.minusDays(1));
    }

    public Instant start() {
        return first.atStartOfDay(CHINA).toInstant();
    }

    /** The instant after the last day (exclusive end). */
    public Instant end() {
        return last.plusDays(1).atStartOfDay(CHINA).toInstant();
    }

    public Instant dueAt() {
        return last.plusDays(1).atTime(DUE_AT).atZone(CHINA).toInstant();
    }

    /** As villagers read it: 11月1日—11月10日. */
    public String label() {
        return first.getMonthValue() + "月" + first.getDayOfMonth() + "日—" + last.getMonthValue() + "月" + last.getDayOfMonth() + "日";
    }
}
