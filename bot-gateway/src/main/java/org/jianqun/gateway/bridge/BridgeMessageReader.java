package org.jianqun.gateway.bridge;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.Spelling;
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
    private static final Instant EARLIEST_SENT_AT = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST_SENT_AT = Instant.parse("2100-01-01T00:00:00Z");
    /** Nanoseconds that one unit of an n-digit fraction of a second is worth, by n. */
    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

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
        String groupId = id(string(json, "groupId", MAX_ID, true), "groupId");
        JsonObject sender = object(json, "sender", true);
        String senderId = id(string(sender, "id", MAX_ID, true, "sender.id"), "sender.id");
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
            sentAt = instant(sentAtText);
        } catch (DateTimeParseException e) {
            throw new Rejected("sentAt", "sentAt must be an ISO-8601 instant such as 2026-03-02T09:00:00Z");
        }
        // Instant.parse takes year +10000, which the DATETIME column refuses, failing the whole group-committed batch.
        if (sentAt.isBefore(EARLIEST_SENT_AT) || !sentAt.isBefore(LATEST_SENT_AT)) {
            throw new Rejected("sentAt", "sentAt must fall in the years 2000 to 2099, got " + sentAtText);
        }
        String quoted = string(json, "quotedMessageId", MAX_ID, false);
        Object mentions = json.getValue("mentionsBot");
        if (mentions != null && !(mentions instanceof Boolean)) {
            throw new Rejected("mentionsBot", "mentionsBot must be true or false");
        }
        return new InboundMessage(Channel.BRIDGE, messageId, groupId, senderId, senderName, kind, messageText, voice, quoted,
                Boolean.TRUE.equals(mentions), sentAt);
    }

    /**
     * {@link Instant#parse} for what bridges send ({@code 2026-03-02T09:00:00Z}, with or without a
     * fraction): read field by field, several times cheaper than the general ISO formatter, which was
     * the largest single cost of reading a message. Anything else (offsets, leap seconds, 24:00, a lowercase z,
     * impossible dates) goes to {@link Instant#parse}, which decides exactly as before.
     */
    static Instant instant(String text) {
        int n = text.length();
        if (n >= 20 && n <= 30 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':'
                && text.charAt(16) == ':' && text.charAt(n - 1) == 'Z' && (n == 20 || (n > 21 && text.charAt(19) == '.'))) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int fraction = n == 20 ? 0 : digits(text, 20, n - 1);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59
                    && second >= 0 && second <= 59 && fraction >= 0 && day <= Month.of(month).length(Year.isLeap(year))) {
                int nanos = n == 20 ? 0 : fraction * NANOS_PER_DIGIT[n - 21];
                return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
            }
        }
        return Instant.parse(text);
    }

    /** The ASCII digits text[from, to) as a number, or -1 if any is not one. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An id in its stored form ({@link Spelling}); one of only invisible characters is none. */
    private static String id(String given, String path) {
        String id = Spelling.id(given);
        if (id.isEmpty()) {
            throw new Rejected(path, path + " is required");
        }
        return id;
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
