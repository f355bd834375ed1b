package org.jianqun.core.outbox;

import java.util.Objects;

/** A message someone must get; {@code text} is what they read (Chinese, short). */
public record OutboxMessage(Audience audience, String target, String text) {
    public OutboxMessage {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(text, "text");
    }

    /** A message for one group: the address is written as {@code outbox.target} holds it. */
    public static OutboxMessage toGroup(GroupAddress group, String text) {
        return new OutboxMessage(Audience.GROUP, group.wire(), text);
    }
}
