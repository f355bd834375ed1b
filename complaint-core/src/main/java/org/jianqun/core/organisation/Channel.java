package org.jianqun.core.organisation;

import java.util.Optional;
import org.jianqun.core.wire.WireWords;

/** The ways a group talks to the platform (DESIGN.md "Channels"). */
public enum Channel {
    BRIDGE, WECOM, AIBOT;

    public String wireName() {
        return WireWords.of(this);
    }

    public static Optional<Channel> fromWire(String value) {
        return WireWords.parse(Channel.class, value);
    }
}
