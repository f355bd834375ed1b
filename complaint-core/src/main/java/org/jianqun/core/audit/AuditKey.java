package org.jianqun.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that seals the audit trail (JIANQUN_AUDIT_KEY): HMAC-SHA256 over each chain's head and
 * over each daily witness file. It lives in the process and its configuration, never in the database,
 * so someone who can only write the database cannot make a rewritten chain verify.
 */
public final class AuditKey {
    /** 256 bits, as HMAC-SHA256's block of strength; shorter keys are refused. */
    public static final int BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    private AuditKey(byte[] key) {
        if (key.length < BYTES) {
            throw new IllegalArgumentException("an audit key needs at least " + BYTES + " bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    public static AuditKey of(byte[] key) {
        return new AuditKey(key);
    }

    /** Decodes standard base64 (as {@code openssl rand -base64 32} prints it). */
    public static AuditKey fromBase64(String base64) {
        return new AuditKey(Base64.getDecoder().decode(base64.strip()));
    }

    public static AuditKey generate() {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        return new AuditKey(key);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** Lowercase hex HMAC-SHA256 of {@code text} (UTF-8) under this key, domain-separated by {@code purpose}. */
    String mac(String purpose, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seal of a chain's head: binds chain, position and hash, so no head of another time or chain fits. */
    String sealHead(String chainKey, long seq, String hash) {
        return mac("jianqun-audit-head", chainKey + "\u001F" + seq + "\u001F" + hash);
    }

    /** Compares two hex MACs in constant time; a null never matches. */
    static boolean same(String expected, String actual) {
        return expected != null && actual != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditKey other && MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() { // never print the key
        return "AuditKey[redacted]";
    }
}
