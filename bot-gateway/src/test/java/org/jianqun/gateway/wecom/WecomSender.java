package org.jianqun.gateway.wecom;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;

/**
 * WeCom's side of a callback for tests: seals with WxJava's own crypto ({@link WxCryptUtil#encrypt})
 * and signs as WeCom does (SHA-1 over the sorted token, timestamp, nonce and ciphertext), at the time
 * the given clock says, so that tests can also send stale ones.
 */
public final class WecomSender {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String token;
    private final WxCryptUtil crypt;
    private final String receiveId;
    private final Clock clock;

    /** @param receiveId what to seal for: the corp id (app) or "" (robot); another corp's to forge */
    public WecomSender(String token, String aesKey, String receiveId, Clock clock) {
        this.token = token;
        this.crypt = new WxCryptUtil(token, aesKey, receiveId);
        this.receiveId = receiveId;
        this.clock = clock;
    }

    /** A sealed payload: ciphertext and the query parameters that sign it. */
    public record Sealed(String encrypt, String signature, String timestamp, String nonce) {
        public String query() {
            return "?msg_signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce;
        }

        /** The query of a URL check: echostr is the ciphertext. */
        public String verifyQuery() {
            return query() + "&echostr=" + URLEncoder.encode(encrypt, StandardCharsets.UTF_8);
        }

        public Sealed withSignature(String other) {
            return new Sealed(encrypt, other, timestamp, nonce);
        }
    }

    public Sealed seal(String plaintext) {
        return sealAt(plaintext, clock.instant().getEpochSecond());
    }

    public Sealed sealAt(String plaintext, long epochSecond) {
        String random = String.format("%016d", Math.floorMod(RANDOM.nextLong(), 10_000_000_000_000_000L));
        String encrypt = crypt.encrypt(random, plaintext);
        String timestamp = Long.toString(epochSecond);
        String nonce = Integer.toString(RANDOM.nextInt(1_000_000_000));
        return new Sealed(encrypt, SHA1.gen(token, timestamp, nonce, encrypt), timestamp, nonce);
    }

    /** The app callback's POST body around a sealed message. */
    public byte[] xmlBody(Sealed sealed) {
        return ("<xml><ToUserName><![CDATA[" + receiveId + "]]></ToUserName><Encrypt><![CDATA[" + sealed.encrypt()
                + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>").getBytes(StandardCharsets.UTF_8);
    }

    /** The intelligent robot's POST body around a sealed message. */
    public static byte[] jsonBody(Sealed sealed) {
        return ("{\"encrypt\":\"" + sealed.encrypt() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A decrypted {@code change_external_chat} event, as WeCom writes it. */
    public static String changeExternalChat(String corpId, String chatId, String changeType, long createTime) {
        return "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[" + chatId + "]]></ChatId>"
                + "<ChangeType><![CDATA[" + changeType + "]]></ChangeType></xml>";
    }

    /** A decrypted {@code msgaudit_notify} event. */
    public static String msgauditNotify(String corpId, long createTime) {
        return "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<AgentID>2000003</AgentID><Event><![CDATA[msgaudit_notify]]></Event></xml>";
    }
}
