package org.jianqun.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the platform keeps of a person's ID number: lower-case hex SHA-256 over the 18 ASCII characters of the
 * number with its check character upper-cased ({@code printf %s 35990119800101001X | sha256sum}). The relatives
 * import takes it precomputed, a subsidy line computes it from the number it carries, so the two compare equal.
 * {@code toString} does not print it: a hash of an ID number is as good as the number to anyone who can enumerate.
 */
public record IdNumberHash(String hex) {
    public IdNumberHash {
        Objects.requireNonNull(hex, "hex");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an ID number hash is 64 lower-case hex digits");
        }
    }

    public static IdNumberHash of(IdNumber number) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(number.value().getBytes(StandardCharsets.US_ASCII));
            return new IdNumberHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hash written by hand or by another system: 64 hex digits in either case. */
    public static Optional<IdNumberHash> parse(String text) {
        return text != null && text.strip().matches("[0-9a-fA-F]{64}") ? Optional.of(new IdNumberHash(text.strip().toLowerCase(Locale.ROOT)))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return "IdNumberHash[****]";
    }
}
