package org.jianqun.core.organisation;

import java.util.Locale;
import java.util.Optional;

/** The ways a group talks to the platform (DESIGN.md "Channels"). */
public enum Channel {
    BRIDGE, WECOM, AIBOT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromWire(String value) {
        for (Channel c : values()) {
            if (c.wireName().equals(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
