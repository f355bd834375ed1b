package org.jianqun.core.outbox;

import java.util.Objects;

/**
 * A delivery request: who must get a message ({@link Audience} and its target) and what they read
 * ({@code text}, Chinese, short). Any module writes one in its own transaction ({@link Outbox}); the
 * gateway alone turns it into channel deliveries.
 *
 * @param broadcast for {@link Audience#VILLAGERS} only, and optional there: what kind of broadcast it is,
 *                  so external groups may receive it as a group-send within their budget; null otherwise
 * @param image     the monthly disclosure's image this message carries (a version's request and each group's markdown:
 *                  the image follows; an image row: it is the image); null for everything else
 */
public record OutboxMessage(Audience audience, String target, String text, Broadcast broadcast, DisclosureImage image) {
    public OutboxMessage {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(text, "text");
        if (broadcast != null && audience != Audience.VILLAGERS) {
            throw new IllegalArgumentException("only a message to a village's villagers' groups is a broadcast");
        }
        if (image != null && audience != Audience.VILLAGERS && audience != Audience.GROUP) {
            throw new IllegalArgumentException("only a message to villagers' groups or a group carries a disclosure's image");
        }
    }

    public OutboxMessage(Audience audience, String target, String text, Broadcast broadcast) {
        this(audience, target, text, broadcast, null);
    }

    public OutboxMessage(Audience audience, String target, String text) {
        this(audience, target, text, null);
    }

    /** A broadcast to every villagers' group of a village (the monthly disclosure, a digest). */
    public static OutboxMessage toVillagers(String villageCode, Broadcast broadcast, String text) {
        return new OutboxMessage(Audience.VILLAGERS, villageCode, text, Objects.requireNonNull(broadcast, "broadcast"));
    }

    /** A version's disclosure for every villagers' group of its village: the markdown, its image following it. */
    public static OutboxMessage disclosureToVillagers(String villageCode, long disclosureId, String text) {
        return new OutboxMessage(Audience.VILLAGERS, villageCode, text, Broadcast.DISCLOSURE, DisclosureImage.follows(disclosureId));
    }

    /** A message for one group: the address is written as {@code outbox.target} holds it. */
    public static OutboxMessage toGroup(GroupAddress group, String text) {
        return new OutboxMessage(Audience.GROUP, group.wire(), text);
    }

    /** As {@link #toGroup(GroupAddress, String)}, carrying a disclosure's image (following the text, or as the message). */
    public static OutboxMessage toGroup(GroupAddress group, String text, DisclosureImage image) {
        return new OutboxMessage(Audience.GROUP, group.wire(), text, null, image);
    }
}
