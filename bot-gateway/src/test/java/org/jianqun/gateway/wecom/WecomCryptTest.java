package org.jianqun.gateway.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.junit.jupiter.api.Test;

/** The official WXBizMsgCrypt sample vectors, and what WxJava alone would have let through. */
class WecomCryptTest {
    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String CORP_ID = "wx5823bf96d3bd56c7";

    private static final String VERIFY_SIGNATURE = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
    private static final String VERIFY_TIMESTAMP = "1409659589";
    private static final String VERIFY_NONCE = "263014780";
    private static final String ECHOSTR = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

    private static final String MESSAGE_SIGNATURE = "477715d11cdb4164915debcba66cb864d751f3e6";
    private static final String MESSAGE_TIMESTAMP = "1409659813";
    private static final String MESSAGE_NONCE = "1372623149";
    static final String MESSAGE_BODY = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA["
            + "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkS"
            + "UXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNX"
            + "ZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k"
            + "22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q=="
            + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";

    private static Clock at(String epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(Long.parseLong(epochSeconds)), ZoneOffset.UTC);
    }

    private static CallbackRefused.Reason refusal(Runnable call) {
        try {
            call.run();
        } catch (CallbackRefused e) {
            return e.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theOfficialUrlCheckVectorOpens() {
        WecomCrypt crypt = new WecomCrypt(TOKEN, AES_KEY, CORP_ID, at(VERIFY_TIMESTAMP));
        assertThat(crypt.open(VERIFY_SIGNATURE, VERIFY_TIMESTAMP, VERIFY_NONCE, ECHOSTR)).isEqualTo("1616140317555161061");
    }

    @Test
    void theOfficialMessageVectorOpensToItsXml() {
        WecomCrypt crypt = new WecomCrypt(TOKEN, AES_KEY, CORP_ID, at(MESSAGE_TIMESTAMP));
        String encrypt = CallbackXml.encryptPart(MESSAGE_BODY.getBytes(StandardCharsets.UTF_8));
        Map<String, String> message = CallbackXml.fields(crypt.open(MESSAGE_SIGNATURE, MESSAGE_TIMESTAMP, MESSAGE_NONCE, encrypt));
        assertThat(message).containsEntry("ToUserName", CORP_ID)
                .containsEntry("FromUserName", "mycreate")
                .containsEntry("CreateTime", "1409659813")
                .containsEntry("MsgType", "text")
                .containsEntry("Content", "hello")
                .containsEntry("MsgId", "4561255354251345929")
                .containsEntry("AgentID", "218");
    }

    @Test
    void theRightTokenAndKeyForAnotherCorpIsRefusedAs403() {
        // WxJava alone decrypts this happily: the receive-id check is commented out in its decrypt().
        WecomCrypt otherCorp = new WecomCrypt(TOKEN, AES_KEY, "wwanothercorp00001", at(VERIFY_TIMESTAMP));
        assertThat(new WxCryptUtil(TOKEN, AES_KEY, "wwanothercorp00001").decrypt(ECHOSTR)).isEqualTo("1616140317555161061");
        assertThat(refusal(() -> otherCorp.open(VERIFY_SIGNATURE, VERIFY_TIMESTAMP, VERIFY_NONCE, ECHOSTR)))
                .isEqualTo(CallbackRefused.Reason.WRONG_RECEIVER);
        assertThat(CallbackRefused.Reason.WRONG_RECEIVER.status()).isEqualTo(403);
        // The robot's receive-id is "": a message sealed for a corp is not one of its own either.
        WecomCrypt robot = new WecomCrypt(TOKEN, AES_KEY, "", at(VERIFY_TIMESTAMP));
        assertThat(refusal(() -> robot.open(VERIFY_SIGNATURE, VERIFY_TIMESTAMP, VERIFY_NONCE, ECHOSTR)))
                .isEqualTo(CallbackRefused.Reason.WRONG_RECEIVER);
    }

    @Test
    void forgedAndStaleSignaturesAre401() {
        WecomCrypt crypt = new WecomCrypt(TOKEN, AES_KEY, CORP_ID, at(VERIFY_TIMESTAMP));
        assertThat(refusal(() -> crypt.open(VERIFY_SIGNATURE.replace('5', '6'), VERIFY_TIMESTAMP, VERIFY_NONCE, ECHOSTR)))
                .isEqualTo(CallbackRefused.Reason.BAD_SIGNATURE);
        assertThat(refusal(() -> crypt.open(null, VERIFY_TIMESTAMP, VERIFY_NONCE, ECHOSTR))).isEqualTo(CallbackRefused.Reason.BAD_SIGNATURE);
        assertThat(refusal(() -> crypt.open(VERIFY_SIGNATURE, VERIFY_TIMESTAMP, "263014781", ECHOSTR)))
                .isEqualTo(CallbackRefused.Reason.BAD_SIGNATURE);
        WecomCrypt later = new WecomCrypt(TOKEN, AES_KEY, CORP_ID, at(Long.toString(Long.parseLong(VERIFY_TIMESTAMP) + 301)));
        assertThat(refusal(() -> later.open(VERIFY_SIGNATURE, VERIFY_TIMESTAMP, VERIFY_NONCE, ECHOSTR)))
                .isEqualTo(CallbackRefused.Reason.STALE_TIMESTAMP);
        WecomCrypt justInTime = new WecomCrypt(TOKEN, AES_KEY, CORP_ID, at(Long.toString(Long.parseLong(VERIFY_TIMESTAMP) - 300)));
        assertThat(justInTime.open(VERIFY_SIGNATURE, VERIFY_TIMESTAMP, VERIFY_NONCE, ECHOSTR)).isEqualTo("1616140317555161061");
        assertThat(refusal(() -> crypt.open(VERIFY_SIGNATURE, "yesterday", VERIFY_NONCE, ECHOSTR)))
                .isEqualTo(CallbackRefused.Reason.STALE_TIMESTAMP);
    }

    /** Each timestamp signed as WeCom would sign it, so only the window can refuse it; the app callback and the robot alike. */
    @Test
    void aSignedTimestampCountsOnlyWithin300SecondsWhateverItsSize() {
        long now = Long.parseLong(VERIFY_TIMESTAMP);
        String robotSealed = new WxCryptUtil(TOKEN, AES_KEY, "").encrypt("0123456789abcdef", "{\"msgid\":\"x\"}");
        WecomCrypt app = new WecomCrypt(TOKEN, AES_KEY, CORP_ID, at(VERIFY_TIMESTAMP));
        WecomCrypt robot = new WecomCrypt(TOKEN, AES_KEY, "", at(VERIFY_TIMESTAMP));
        for (long ts : new long[] {now, now - 300, now + 300}) {
            String t = Long.toString(ts);
            assertThat(app.open(SHA1.gen(TOKEN, t, VERIFY_NONCE, ECHOSTR), t, VERIFY_NONCE, ECHOSTR)).as(t).isEqualTo("1616140317555161061");
            assertThat(robot.open(SHA1.gen(TOKEN, t, VERIFY_NONCE, robotSealed), t, VERIFY_NONCE, robotSealed)).as(t).isEqualTo("{\"msgid\":\"x\"}");
        }
        // now - 2^63 wraps round to now under abs(now - ts): it must be as stale as it looks.
        for (long ts : new long[] {now - 301, now + 301, now + Long.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + now + 1}) {
            String t = Long.toString(ts);
            assertThat(refusal(() -> app.open(SHA1.gen(TOKEN, t, VERIFY_NONCE, ECHOSTR), t, VERIFY_NONCE, ECHOSTR)))
                    .as(t).isEqualTo(CallbackRefused.Reason.STALE_TIMESTAMP);
            assertThat(refusal(() -> robot.open(SHA1.gen(TOKEN, t, VERIFY_NONCE, robotSealed), t, VERIFY_NONCE, robotSealed)))
                    .as(t).isEqualTo(CallbackRefused.Reason.STALE_TIMESTAMP);
        }
    }

    @Test
    void correctlySignedGarbageIsMalformed() {
        WecomCrypt crypt = new WecomCrypt(TOKEN, AES_KEY, CORP_ID, at(VERIFY_TIMESTAMP));
        for (String garbage : new String[] {"bm90IGEgY2lwaGVydGV4dA==", "AAAA", "!!!!", ECHOSTR.substring(0, 40)}) {
            String signature = SHA1.gen(TOKEN, VERIFY_TIMESTAMP, VERIFY_NONCE, garbage);
            assertThat(refusal(() -> crypt.open(signature, VERIFY_TIMESTAMP, VERIFY_NONCE, garbage)))
                    .as(garbage).isEqualTo(CallbackRefused.Reason.MALFORMED);
        }
        // Sealed with another key: decrypts to noise, which the padding or length check refuses.
        String foreign = new WxCryptUtil(TOKEN, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", CORP_ID).encrypt("0123456789abcdef", "<xml/>");
        String signature = SHA1.gen(TOKEN, VERIFY_TIMESTAMP, VERIFY_NONCE, foreign);
        assertThat(refusal(() -> crypt.open(signature, VERIFY_TIMESTAMP, VERIFY_NONCE, foreign))).isEqualTo(CallbackRefused.Reason.MALFORMED);
    }

    @Test
    void xmlWithADoctypeOrEntitiesIsMalformed() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<xml><Encrypt>&lol2;</Encrypt></xml>";
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>";
        for (String body : new String[] {laughs, xxe, "not xml", "<xml><ToUserName>x</ToUserName></xml>", ""}) {
            assertThatThrownBy(() -> CallbackXml.encryptPart(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body).isInstanceOfSatisfying(CallbackRefused.class, e -> assertThat(e.reason()).isEqualTo(CallbackRefused.Reason.MALFORMED));
        }
        assertThatThrownBy(() -> CallbackXml.utf8(new byte[] {'<', (byte) 0xC3, (byte) 0x28, '>'}))
                .isInstanceOfSatisfying(CallbackRefused.class, e -> assertThat(e.reason()).isEqualTo(CallbackRefused.Reason.MALFORMED));
        assertThatThrownBy(() -> CallbackXml.utf8(new byte[CallbackXml.MAX_BYTES + 1]))
                .isInstanceOfSatisfying(CallbackRefused.class, e -> assertThat(e.reason().status()).isEqualTo(413));
    }
}
