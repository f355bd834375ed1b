package org.jianqun.gateway.bridge;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jianqun.core.organisation.Channel;
import org.jianqun.gateway.inbox.InboundMessage;

/**
 * Reads a bridge message body (DESIGN.md: {@code {"messageId","groupId","sender":{"id","name"},
 * "type":"text|voice|image","text","voice":{"url","durationSec","transcript"},"sentAt"}}) into an
 * {@link InboundMessage}, or says which field is wrong. Two optional extensions a bridge may send:
 * {@code quotedMessageId} (the message this one quotes, for 登记) and {@code mentionsBot}. Other
 * unknown fields are ignored, so a newer bridge keeps working.
 */
public final class BridgeMessageReader {
    public static final int MAX_ID = 128;
    public static final int MAX_NAME = 100;
    public static final int MAX_TEXT = 5_000;
    public static final int MAX_URL = 1_000;

    private BridgeMessageReader() {
    }

    /** A body that cannot be taken, naming the field ({@code ""} for the body as a whole). */
    public static final class Rejected extends RuntimeException {
        private final String field;

        Rejected(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public static InboundMessage read(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new Rejected("", "the body is not UTF-8");
        }
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new Rejected("", "the body is not a JSON object");
        }
        String messageId = string(json, "messageId", MAX_ID, true);
        String groupId = string(json, "groupId", MAX_ID, true);
        JsonObject sender = object(json, "sender", true);
        String senderId = string(sender, "id", MAX_ID, true, "sender.id");
        String senderName = string(sender, "name", MAX_NAME, false, "sender.name");
        String typeWord = string(json, "type", 8, true);
        InboundMessage.Kind kind = switch (typeWord) {
            case "text" -> InboundMessage.Kind.TEXT;
            case "voice" -> InboundMessage.Kind.VOICE;
            case "image" -> InboundMessage.Kind.IMAGE;
            default -> throw new Rejected("type", "type must be text, voice or image, got '" + typeWord + "'");
        };
        String messageText = string(json, "text", MAX_TEXT, kind == InboundMessage.Kind.TEXT);
        InboundMessage.Voice voice = null;
        JsonObject voiceJson = object(json, "voice", kind == InboundMessage.Kind.VOICE);
        if (voiceJson != null) {
            String url = string(voiceJson, "url", MAX_URL, true, "voice.url");
            Object duration = voiceJson.getValue("durationSec");
            if (duration != null && !(duration instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 3600 && n.doubleValue() == Math.rint(n.doubleValue()))) {
                throw new Rejected("voice.durationSec", "voice.durationSec must be a whole number of seconds from 0 to 3600");
            }
            voice = new InboundMessage.Voice(url, duration == null ? 0 : ((Number) duration).intValue(),
                    string(voiceJson, "transcript", MAX_TEXT, false, "voice.transcript"));
        }
        String sentAtText = string(json, "sentAt", 40, true);
        Instant sentAt;
        try {
            sentAt = Instant.parse(sentAtText);
        } catch (DateTimeParseException e) {
            throw new Rejected("sentAt", "sentAt must be an ISO-8601 instant such as 2026-03-02T09:00:00Z");
        }
        String quoted = string(json, "quotedMessageId", MAX_ID, false);
        Object mentions = json.getValue("mentionsBot");
        if (mentions != null && !(mentions instanceof Boolean)) {
            throw new Rejected("mentionsBot", "mentionsBot must be true or false");
        }
        return new InboundMessage(Channel.BRIDGE, messageId, groupId, senderId, senderName, kind, messageText, voice, quoted,
                Boolean.TRUE.equals(mentions), sentAt);
    }

    private static String string(JsonObject json, String field, int max, boolean required) {
        return string(json, field, max, required, field);
    }

    private static String string(JsonObject json, String field, int max, boolean required, String path) {
        Object value = json.getValue(field);
        if (value == null || (value instanceof String s && s.isBlank())) {
            if (required) {
                throw new Rejected(path, path + " is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw new Rejected(path, path + " must be a string");
        }
        int length = s.codePointCount(0, s.length());
        if (length > max) {
            throw new Rejected(path, path + " is " + length + " characters long; at most " + max);
        }
        return s;
    }

    private static JsonObject object(JsonObject json, String field, boolean required) {
        Object value = json.getValue(field);
        if (value == null) {
            if (required) {
                throw new Rejected(field, field + " is required");
            }
            return null;
        }
        if (!(value instanceof JsonObject o)) {
            throw new Rejected(field, field + " must be an object");
        }
        return o;
    }
}
