package org.jianqun.gateway.wecom;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.apache.commons.codec.binary.Base64;
import org.jianqun.gateway.inbox.TimestampWindow;

/**
 * WeCom's callback crypto (WXBizMsgCrypt: SHA-1 msg_signature over token, timestamp, nonce and
 * ciphertext; AES-256-CBC with the EncodingAESKey), built on WxJava's {@link WxCryptUtil} (key
 * handling, signing, sealing) with what WxJava leaves out of opening:
 * <ul>
 * <li>the receive-id sealed after the message must be ours (the corp id for the app callback, {@code ""}
 * for the intelligent robot): WxJava's {@code decrypt} has that check commented out, so a message
 * sealed for another corp that shares our token and key would pass;</li>
 * <li>the signature is compared in constant time (WxJava's {@code decryptContent} uses {@code equals});</li>
 * <li>the timestamp must be within ±300 s of the wall clock (a captured callback cannot be replayed
 * later), judged by an injected clock: WeCom lives in real time, whatever the demo's sandbox clock says.</li>
 * </ul>
 * Every failure is a {@link CallbackRefused} naming its reason.
 */
public final class WecomCrypt extends WxCryptUtil {
    public static final Duration WINDOW = Duration.ofSeconds(300);
    private static final TimestampWindow FRESH = new TimestampWindow(WINDOW);
    private static final int MAX_PARAMETER = 128;

    /** A Cipher per thread: getInstance looks the provider up each time, and a Cipher is not thread-safe. */
    private static final ThreadLocal<Cipher> AES = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding missing from this JDK", e);
        }
    });

    private final Clock wallClock;
    private final byte[] receiveId;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;

    /**
     * @param receiveId the corp id (app callback) or {@code ""} (intelligent robot, per its documentation)
     */
    public WecomCrypt(String token, String encodingAesKey, String receiveId, Clock wallClock) {
        super(token, encodingAesKey, receiveId);
        if (aesKey.length != 32) {
            throw new IllegalArgumentException("the EncodingAESKey must decode to 32 bytes");
        }
        this.wallClock = wallClock;
        this.receiveId = receiveId.getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(aesKey, "AES");
        this.iv = new IvParameterSpec(aesKey, 0, 16);
    }

    /**
     * Checks timestamp and signature, then decrypts: the plaintext of a callback body's encrypted
     * part, or of a URL check's echostr (the same operation).
     */
    public String open(String signature, String timestamp, String nonce, String encrypted) {
        checkTimestamp(timestamp);
        if (signature == null || signature.isEmpty() || signature.length() > MAX_PARAMETER) {
            throw new CallbackRefused(CallbackRefused.Reason.BAD_SIGNATURE, "msg_signature is missing");
        }
        if (nonce == null || nonce.isEmpty() || nonce.length() > MAX_PARAMETER) {
            throw new CallbackRefused(CallbackRefused.Reason.BAD_SIGNATURE, "nonce is missing");
        }
        if (encrypted == null || encrypted.isEmpty()) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "nothing encrypted to open");
        }
        String expected = SHA1.gen(token, timestamp, nonce, encrypted);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new CallbackRefused(CallbackRefused.Reason.BAD_SIGNATURE, "msg_signature does not match");
        }
        // Signature checked once here and the ciphertext opened once: WxJava's decryptContent would check the
        // signature again and its decrypt drops the receive-id, which cost a second AES pass to read back.
        return unseal(encrypted);
    }

    private void checkTimestamp(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp);
        } catch (NumberFormatException e) {
            throw new CallbackRefused(CallbackRefused.Reason.STALE_TIMESTAMP, "timestamp is missing or not unix seconds");
        }
        if (!FRESH.admits(wallClock.instant(), seconds)) {
            throw new CallbackRefused(CallbackRefused.Reason.STALE_TIMESTAMP, "timestamp is more than " + WINDOW.toSeconds() + " s away from now");
        }
    }

    /** WxJava's decrypt, with the receive-id and UTF-8 checks it leaves out (for any caller of the inherited API). */
    @Override
    public String decrypt(String cipherText) {
        return unseal(cipherText);
    }

    /**
     * AES-256-CBC (IV: the key's first 16 bytes) of 16 random bytes, a 4-byte big-endian content
     * length, the content (UTF-8) and the receive-id, padded PKCS#7-style to 32 bytes: the content,
     * once the padding, length, UTF-8 and receive-id all check out.
     */
    private String unseal(String cipherText) {
        byte[] plain;
        try {
            Cipher cipher = AES.get();
            cipher.init(Cipher.DECRYPT_MODE, key, iv);
            plain = cipher.doFinal(Base64.decodeBase64(cipherText));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the encrypted part does not decrypt");
        }
        // WeCom pads PKCS#7-style to a multiple of 32 bytes (not AES's 16): 1..32 bytes, each the pad length.
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > 32 || pad > plain.length) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "bad padding");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "bad padding");
            }
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || length > end - 20) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "bad content length");
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plain, 20, length)).toString();
        } catch (CharacterCodingException e) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the decrypted content is not UTF-8");
        }
        if (!Arrays.equals(plain, 20 + length, end, receiveId, 0, receiveId.length)) {
            throw new CallbackRefused(CallbackRefused.Reason.WRONG_RECEIVER, "the message was sealed for another receiver");
        }
        return content;
    }
}
