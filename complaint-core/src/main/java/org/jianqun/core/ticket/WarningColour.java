package org.jianqun.core.ticket;

import org.jianqun.core.wire.WireWords;


/** 三色预警, in rising order of gravity. */
public enum WarningColour {
    NONE, YELLOW, ORANGE, RED;

    public String wireName() {
        return WireWords.of(this);
    }
}
