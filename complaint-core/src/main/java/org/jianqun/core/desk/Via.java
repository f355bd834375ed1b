package org.jianqun.core.desk;

import org.jianqun.core.wire.WireWords;


/** The channel a step came through, as the audit trail records it. */
public enum Via {
    CONSOLE, BRIDGE, WECOM, AIBOT, MINIAPP, SYSTEM;

    public String wireName() {
        return WireWords.of(this);
    }
}
