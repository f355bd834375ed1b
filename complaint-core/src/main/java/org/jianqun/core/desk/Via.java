package org.jianqun.core.desk;

import java.util.Optional;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.wire.WireWords;

/** The channel a step came through, as the audit trail records it. */
public enum Via {
    CONSOLE, BRIDGE, WECOM, AIBOT, MINIAPP, SYSTEM;

    public String wireName() {
        return WireWords.of(this);
    }

    /** A chat channel: whatever the platform answers lands in a group, where every member reads it. */
    public boolean answersInAGroup() {
        return groupChannel().isPresent();
    }

    /**
     * The channel of the group a message that came this way was posted in: how a message came in and the
     * channel its group is on are two facts, which happen to share names for the three chat channels.
     */
    public Optional<Channel> groupChannel() {
        return switch (this) {
            case BRIDGE -> Optional.of(Channel.BRIDGE);
            case WECOM -> Optional.of(Channel.WECOM);
            case AIBOT -> Optional.of(Channel.AIBOT);
            case CONSOLE, MINIAPP, SYSTEM -> Optional.empty();
        };
    }

    /** As a ticket's {@code channel} column holds it; empty for a word that is no channel. */
    public static Optional<Via> fromWire(String word) {
        return WireWords.parse(Via.class, word);
    }
}
