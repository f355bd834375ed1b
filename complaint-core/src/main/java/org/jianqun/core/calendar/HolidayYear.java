package org.jianqun.core.calendar;

import java.time.LocalDate;
import java.util.Map;

/**
 * One year of the State Council's holiday notice: the dates it names, each either off (a statutory
 * holiday) or a make-up working day (调休). Dates it does not name follow the week. An empty notice
 * means "not yet published": the year has no data.
 *
 * @param offByDate date → true for a holiday, false for a make-up working day
 * @param source    where it was read from, for messages
 */
record HolidayYear(int year, Map<LocalDate, Boolean> offByDate, String source) {
    HolidayYear {
        offByDate = Map.copyOf(offByDate);
    }

    boolean published() {
        return !offByDate.isEmpty();
    }
}
