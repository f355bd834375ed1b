package org.jianqun.gateway.outbound;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A disclosure's rendered PNG as the bridge and WeCom's group robot take it: its bytes, base64 and lowercase hex MD5,
 * worked out once per version for a dispatcher batch (a push day sends one image to thousands of groups; encoding and
 * hashing 31 kB again for each was a measurable share of the push).
 */
public record PushImage(byte[] bytes, String base64, String md5) {
    public PushImage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(base64, "base64");
        Objects.requireNonNull(md5, "md5");
    }

    public static PushImage of(byte[] png) {
        return new PushImage(png, Base64.getEncoder().encodeToString(png), md5Hex(png));
    }

    public int size() {
        return bytes.length;
    }

    /** Lowercase hex MD5 of {@code bytes}: what the bridge and WeCom's group robot check an image against. */
    static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
