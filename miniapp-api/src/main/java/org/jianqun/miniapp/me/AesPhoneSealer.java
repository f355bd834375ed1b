package org.jianqun.miniapp.me;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under the data key: {@code v1.<keyId>.<base64(12-byte nonce ‖ ciphertext ‖ tag)>}, the person id
 * as associated data. The key id is the first 8 hex digits of the key's SHA-256, so a row says which key sealed
 * it without telling anything about the key.
 */
public final class AesPhoneSealer implements PhoneSealer {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;

    public AesPhoneSealer(byte[] dataKey) {
        if (dataKey.length != 32) {
            throw new IllegalArgumentException("the data key must be 256 bits");
        }
        this.key = new SecretKeySpec(dataKey.clone(), "AES");
        try {
            this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dataKey)).substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Sealed seal(String phone, long personId) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(personId));
            byte[] sealed = cipher.doFinal(phone.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
            return new Sealed(keyId, "v1." + keyId + "." + Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    @Override
    public String open(String sealed, long personId) {
        String[] parts = sealed.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("v1") || !parts[1].equals(keyId)) {
            throw new IllegalArgumentException("not sealed under this key");
        }
        try {
            byte[] all = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            cipher.updateAAD(aad(personId));
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the sealed phone does not open (wrong key, person or tampered)");
        }
    }

    private static byte[] aad(long personId) {
        return ("miniapp_user.phone:" + personId).getBytes(StandardCharsets.UTF_8);
    }
}
