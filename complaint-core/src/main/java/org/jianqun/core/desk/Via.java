package org.jianqun.core.desk;

import java.util.Locale;

/** The channel a step came through, as the audit trail records it. */
public enum Via {
    CONSOLE, BRIDGE, WECOM, AIBOT, MINIAPP, SYSTEM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
