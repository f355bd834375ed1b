package org.jianqun.core.calendar;

/**
 * A computation reached a year for which the State Council's holiday notice is not in the data. The
 * platform refuses rather than guess (DESIGN.md: "never a silent guess"); the message names the year
 * and the file an operator must add.
 */
public final class NoCalendarDataException extends RuntimeException {
    private final int year;

    NoCalendarDataException(int year, String why) {
        super("no holiday data for " + year + "; add holidays/" + year + ".json (" + why + ")");
        this.year = year;
    }

    public int year() {
        return year;
    }
}
