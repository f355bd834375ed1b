package org.jianqun.gateway.inbox;

import java.time.Instant;
import java.util.Objects;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.Spelling;

/**
 * One group message as every channel adapter hands it over, whatever its wire format: which
 * channel and group, who sent it, what it says (a voice message's transcript counts as its text when
 * the channel gives one), and the channel's own id for it, which makes it unique. {@code replyUrl} is
 * where the answer to this very message goes, for a channel that works that way (the intelligent
 * robot's response_url), stored with the message in one write.
 */
public record InboundMessage(Channel channel, String messageId, String groupId, String senderId, String senderName,
                             Kind kind, String text, Voice voice, String quotedMessageId, boolean mentionsBot, Instant sentAt,
                             String replyUrl) {
    public enum Kind {
        TEXT, VOICE, IMAGE
    }

    /** A voice message: where the audio is, how long, and the channel's transcript if it made one. */
    public record Voice(String url, int durationSec, String transcript) {
    }

    /** A message whose channel answers into the group, not through a per-message url. */
    public InboundMessage(Channel channel, String messageId, String groupId, String senderId, String senderName,
                          Kind kind, String text, Voice voice, String quotedMessageId, boolean mentionsBot, Instant sentAt) {
        this(channel, messageId, groupId, senderId, senderName, kind, text, voice, quotedMessageId, mentionsBot, sentAt, null);
    }

    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(messageId, "messageId");
        // Every channel's ids in their one stored form (Spelling), here where every channel hands its messages over:
        // the database compares them exactly, so "CADRE-1 " is not cadre-1.
        groupId = Spelling.id(Objects.requireNonNull(groupId, "groupId"));
        senderId = Spelling.id(Objects.requireNonNull(senderId, "senderId"));
        if (groupId.isEmpty() || senderId.isEmpty()) {
            throw new IllegalArgumentException("a group id and a sender id are not blank");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
