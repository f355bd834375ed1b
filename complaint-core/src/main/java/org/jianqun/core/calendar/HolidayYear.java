package org.jianqun.core.calendar;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One year of the State Council's holiday notice: the dates it names, each either off (a statutory
 * holiday) or a make-up working day (调休). Dates it does not name follow the week. An empty notice
 * means "not yet published": the year has no data.
 *
 * @param offByDate date → true for a holiday, false for a make-up working day
 * @param source    where it was read from, for messages
 */
public record HolidayYear(int year, Map<LocalDate, Boolean> offByDate, String source) {
    public HolidayYear {
        offByDate = Map.copyOf(offByDate);
    }

    /**
     * A holiday-cn file for {@code expectedYear}, checked as at start-up.
     *
     * @throws HolidayDataException naming what is wrong (in Chinese: an administrator reads it)
     */
    public static HolidayYear parse(byte[] json, String source, int expectedYear) {
        try {
            return HolidayFiles.parse(new ByteArrayInputStream(json), source, expectedYear);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array is never unreadable
        }
    }

    /** The {@code "year"} a holiday-cn file says it is for, if it is JSON that says one (a CLI load names no year). */
    public static OptionalInt declaredYear(byte[] json) {
        return HolidayFiles.declaredYear(json);
    }

    public boolean published() {
        return !offByDate.isEmpty();
    }
}
