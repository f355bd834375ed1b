package org.jianqun.core.outbox;

import java.util.Objects;
import java.util.Optional;
import org.jianqun.core.organisation.Channel;

/**
 * One group a delivery goes to: its channel and the group's id there. It is also the unit the
 * dispatcher paces and isolates (one lane per address). Stored in {@code outbox.target} as
 * {@code <channel>:<groupId>} (the channel's wire name, then the id, which may itself hold colons), so
 * rows written before this type still read.
 */
public record GroupAddress(Channel channel, String groupId) {
    public GroupAddress {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(groupId, "groupId");
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("a group address needs a group id");
        }
    }

    /** As {@code outbox.target} holds it. */
    public String wire() {
        return channel.wireName() + ":" + groupId;
    }

    /** The address {@code outbox.target} holds; empty when it names no known channel or no group. */
    public static Optional<GroupAddress> parse(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        int colon = wire.indexOf(':');
        if (colon <= 0 || colon == wire.length() - 1) {
            return Optional.empty();
        }
        String groupId = wire.substring(colon + 1);
        return groupId.isBlank() ? Optional.empty() : Channel.fromWire(wire.substring(0, colon)).map(c -> new GroupAddress(c, groupId));
    }

    @Override
    public String toString() {
        return wire();
    }
}
