package org.jianqun.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys identities are sealed under: the current one (JIANQUN_DATA_KEY), which seals everything new,
 * and the previous ones (JIANQUN_DATA_KEY_PREVIOUS), which only open what a rotation has not yet re-sealed.
 * A key's id is derived from the key itself (a short hash), so an operator never has to name keys and a
 * ciphertext says which key opens it without saying anything of the key.
 */
public final class DataKeyRing {
    public static final int KEY_BYTES = 32;
    private final KeyId current;
    private final Map<KeyId, byte[]> keys;

    private DataKeyRing(KeyId current, Map<KeyId, byte[]> keys) {
        this.current = current;
        this.keys = keys;
    }

    /** A key id: 8 hex digits of SHA-256 over a label and the key. */
    public record KeyId(String value) {
        public KeyId {
            if (value == null || !value.matches("[0-9a-f]{8}")) {
                throw new IllegalArgumentException("a key id is 8 hex digits");
            }
        }

        static KeyId of(byte[] key) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update("jianqun-data-key-id".getBytes(StandardCharsets.US_ASCII));
                return new KeyId(HexFormat.of().formatHex(sha.digest(key), 0, 4));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return value;
        }
    }

    public static DataKeyRing of(byte[] current, List<byte[]> previous) {
        Map<KeyId, byte[]> keys = new LinkedHashMap<>();
        KeyId currentId = KeyId.of(checked(current));
        keys.put(currentId, current.clone());
        for (byte[] old : previous) {
            keys.putIfAbsent(KeyId.of(checked(old)), old.clone());
        }
        return new DataKeyRing(currentId, Collections.unmodifiableMap(keys));
    }

    /**
     * Previous keys as JIANQUN_DATA_KEY_PREVIOUS holds them: base64 keys separated by commas or whitespace.
     * @throws IllegalArgumentException naming the bad entry's position, never its value
     */
    public static List<byte[]> parsePrevious(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String[] parts = value.strip().split("[,\\s]+");
        byte[][] out = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Base64.getDecoder().decode(parts[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("JIANQUN_DATA_KEY_PREVIOUS: key " + (i + 1) + " is not valid base64");
            }
            if (out[i].length != KEY_BYTES) {
                throw new IllegalArgumentException("JIANQUN_DATA_KEY_PREVIOUS: key " + (i + 1) + " is not 32 bytes");
            }
        }
        return List.of(out);
    }

    public KeyId currentId() {
        return current;
    }

    byte[] currentKey() {
        return keys.get(current);
    }

    Optional<byte[]> key(KeyId id) {
        return Optional.ofNullable(keys.get(id));
    }

    public boolean holds(KeyId id) {
        return keys.containsKey(id);
    }

    private static byte[] checked(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a data key is 32 bytes (AES-256)");
        }
        return key;
    }
}
