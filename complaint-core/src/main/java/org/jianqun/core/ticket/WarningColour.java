package org.jianqun.core.ticket;

import java.util.Locale;

/** 三色预警, in rising order of gravity. */
public enum WarningColour {
    NONE, YELLOW, ORANGE, RED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
