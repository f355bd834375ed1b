package org.jianqun.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing of one identity value. A sealed value is {@code v1.<keyId>.<base64(nonce | ciphertext | tag)>}:
 * it names the key that opens it (so keys can rotate) and is bound to its owner and field ({@link Binding}) as
 * associated data. A fresh 96-bit random nonce per value. Failures never carry the value or the key.
 */
public final class IdentityCipher {
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final DataKeyRing ring;
    private final SecureRandom random = new SecureRandom();

    public IdentityCipher(DataKeyRing ring) {
        this.ring = ring;
    }

    public DataKeyRing ring() {
        return ring;
    }

    /** Seals {@code plain} under the current key. */
    public String seal(String plain, Binding binding) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(ring.currentKey(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding.associatedData().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + "." + ring.currentId().value() + "." + Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable: " + e.getClass().getSimpleName());
        }
    }

    /** Opens a sealed value of {@code binding}. */
    public String open(String sealed, Binding binding) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new SealedValueException("not a sealed identity value");
        }
        DataKeyRing.KeyId id = keyIdOf(sealed).orElseThrow(() -> new SealedValueException("not a sealed identity value"));
        byte[] key = ring.key(id).orElseThrow(() -> new SealedValueException(
                "sealed under key " + id + ", which is neither JIANQUN_DATA_KEY nor in JIANQUN_DATA_KEY_PREVIOUS"));
        byte[] all;
        try {
            all = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("not a sealed identity value");
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SealedValueException("not a sealed identity value");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(binding.associatedData().getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SealedValueException("does not open under key " + id + " for " + binding.owner() + " (altered, or moved from elsewhere)");
        }
    }

    /** Opens under whichever key sealed it and seals again under the current key (a rotation's step). */
    public String reseal(String sealed, Binding binding) {
        return seal(open(sealed, binding), binding);
    }

    /** The key a sealed value names, if it is one. */
    public static Optional<DataKeyRing.KeyId> keyIdOf(String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", 3);
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            return Optional.empty();
        }
        return Optional.of(new DataKeyRing.KeyId(parts[1]));
    }

    /** A value that cannot be opened; its message names the key id and the owner, never the value. */
    public static final class SealedValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SealedValueException(String message) {
            super(message);
        }
    }
}
