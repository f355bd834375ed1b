package org.jianqun.core.calendar;

/** A holiday file (or the operator's holiday directory) cannot be used; the message names what is wrong. */
public final class HolidayDataException extends RuntimeException {
    public HolidayDataException(String message) {
        super(message);
    }

    HolidayDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
