package org.jianqun.gateway.aibot;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.Spelling;
import org.jianqun.gateway.bridge.BridgeMessageReader;
import org.jianqun.gateway.inbox.InboundMessage;
import org.jianqun.gateway.wecom.CallbackRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the intelligent robot's decrypted callback (JSON: {@code msgid, aibotid, chatid, chattype,
 * from.userid, response_url, msgtype, text.content}, or {@code mixed.msg_item[]}) into an
 * {@link InboundMessage}. Only @-mentions in group chats are taken (the robot serves cadres' work
 * groups); one-to-one chats, events (enter_chat, card clicks, feedback) and stream refreshes are
 * answered and let go. In a group WeCom puts the mention itself first ("@监群 认领 #12"): leading
 * mentions are taken off so the command reads as typed.
 */
public final class AibotMessageReader {
    private static final Logger LOG = LoggerFactory.getLogger(AibotMessageReader.class);
    /** Compiled once: String.replaceFirst compiles its pattern on every call, once per callback here. */
    private static final Pattern LEADING_MENTIONS = Pattern.compile("^(\\s*@\\S+)+\\s*");

    private AibotMessageReader() {
    }

    /** An @-mention to store, with the response_url its replies go back through (null when unusable). */
    public record Mention(InboundMessage message, String responseUrl) {
    }

    /**
     * @param plaintext the decrypted JSON
     * @param apiBase   WeCom's API base: a response_url elsewhere is not followed (the platform posts only to WeCom)
     * @return the mention, or null for a callback that carries none
     */
    public static Mention read(String plaintext, URI apiBase, Instant now) {
        JsonObject json;
        try {
            json = new JsonObject(plaintext);
        } catch (DecodeException | ClassCastException e) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the decrypted callback is not a JSON object");
        }
        if (!"group".equals(json.getValue("chattype"))) {
            return null;
        }
        String text = switch (String.valueOf(json.getValue("msgtype"))) {
            case "text" -> string(object(json, "text"), "content");
            case "mixed" -> mixedText(object(json, "mixed"));
            default -> null;
        };
        if (text == null) {
            return null;
        }
        String msgId = id(json.getValue("msgid"), "msgid");
        String chatId = id(json.getValue("chatid"), "chatid");
        JsonObject from = object(json, "from");
        String userId = id(from == null ? null : from.getValue("userid"), "from.userid");
        String spoken = LEADING_MENTIONS.matcher(text).replaceFirst("");
        if (spoken.codePointCount(0, spoken.length()) > BridgeMessageReader.MAX_TEXT) {
            spoken = spoken.substring(0, spoken.offsetByCodePoints(0, BridgeMessageReader.MAX_TEXT - 1)) + "…";
        }
        String url = responseUrl(json.getValue("response_url"), apiBase);
        InboundMessage message = new InboundMessage(Channel.AIBOT, msgId, chatId, userId, null, InboundMessage.Kind.TEXT, spoken,
                null, null, true, now, url);
        return new Mention(message, url);
    }

    /** The texts of a mixed (text and pictures) message, one per line; null when it has none. */
    private static String mixedText(JsonObject mixed) {
        Object items = mixed == null ? null : mixed.getValue("msg_item");
        if (!(items instanceof JsonArray array)) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Object item : array) {
            if (item instanceof JsonObject o && "text".equals(o.getValue("msgtype"))) {
                String part = string(object(o, "text"), "content");
                if (part != null) {
                    text.append(text.length() == 0 ? "" : "\n").append(part);
                }
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    private static String responseUrl(Object value, URI apiBase) {
        if (!(value instanceof String s) || s.isBlank() || s.length() > 1000) {
            return null;
        }
        try {
            URI url = URI.create(s);
            boolean wecom = apiBase.getScheme().equals(url.getScheme()) && apiBase.getHost().equalsIgnoreCase(String.valueOf(url.getHost()))
                    && apiBase.getPort() == url.getPort();
            if (wecom) {
                return s;
            }
        } catch (IllegalArgumentException e) {
            // refused below, like a foreign host
        }
        LOG.warn("a response_url that is not under JIANQUN_WECOM_API_BASE was not kept; replies to that message are held");
        return null;
    }

    private static String id(Object value, String field) {
        String id = value instanceof String s ? Spelling.id(s) : "";
        if (id.isEmpty() || id.length() > BridgeMessageReader.MAX_ID) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, field + " is missing or longer than " + BridgeMessageReader.MAX_ID);
        }
        return id;
    }

    private static JsonObject object(JsonObject json, String field) {
        return json.getValue(field) instanceof JsonObject o ? o : null;
    }

    private static String string(JsonObject json, String field) {
        return json != null && json.getValue(field) instanceof String s ? s : null;
    }
}
