package org.jianqun.core.disclosure;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/** The natural month a disclosure is about (Beijing time), written {@code yyyy-MM}. */
public record DisclosureMonth(YearMonth month) implements Comparable<DisclosureMonth> {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public DisclosureMonth {
        Objects.requireNonNull(month, "month");
    }

    public static Optional<DisclosureMonth> parse(String text) {
        if (text == null || !text.matches("[0-9]{4}-[0-9]{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DisclosureMonth(YearMonth.parse(text)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public boolean contains(LocalDate day) {
        return YearMonth.from(day).equals(month);
    }

    /** The day it is pushed on: {@code pushDay} of the month after (a month is disclosed once it is over). */
    public LocalDate pushDate(int pushDay) {
        YearMonth next = month.plusMonths(1);
        return next.atDay(Math.min(pushDay, next.lengthOfMonth()));
    }

    /** {@code 2026年3月} */
    public String label() {
        return month.getYear() + "年" + month.getMonthValue() + "月";
    }

    public String wire() {
        return month.toString();
    }

    @Override
    public int compareTo(DisclosureMonth o) {
        return month.compareTo(o.month);
    }

    @Override
    public String toString() {
        return wire();
    }
}
