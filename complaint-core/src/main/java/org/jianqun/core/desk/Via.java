package org.jianqun.core.desk;

import org.jianqun.core.wire.WireWords;


/** The channel a step came through, as the audit trail records it. */
public enum Via {
    CONSOLE, BRIDGE, WECOM, AIBOT, MINIAPP, SYSTEM;

    public String wireName() {
        return WireWords.of(this);
    }

    /** A chat channel: whatever the platform answers lands in a group, where every member reads it. */
    public boolean answersInAGroup() {
        return this == BRIDGE || this == WECOM || this == AIBOT;
    }
}
