package org.jianqun.gateway.bridge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jianqun.gateway.inbox.TimestampWindow;

/**
 * The bridge channel's signature (DESIGN.md): {@code X-Jianqun-Signature} = lowercase hex
 * HMAC-SHA256(secret, timestamp + "." + raw body), {@code X-Jianqun-Timestamp} in unix seconds within
 * ±300 s. Compared in constant time. The same rule signs what the platform posts out to a bridge.
 * Freshness is judged by the wall clock, not the platform's (possibly sandbox) clock: a bridge is a
 * real system living in real time, whatever day the demo pretends it is.
 */
public final class BridgeSignature {
    public static final String TIMESTAMP_HEADER = "X-Jianqun-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Jianqun-Signature";
    public static final Duration WINDOW = Duration.ofSeconds(300);
    private static final TimestampWindow FRESH = new TimestampWindow(WINDOW);

    private final byte[] secret;
    private final Clock wallClock;
    /**
     * A keyed Mac per thread, reused (doFinal resets it): Mac.getInstance and init looked up the
     * provider and expanded the key on every message. A Mac is not thread-safe, hence one per thread.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public BridgeSignature(String secret) {
        this(secret, Clock.systemUTC());
    }

    public BridgeSignature(String secret, Clock wallClock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.wallClock = wallClock;
    }

    /** The timestamp header value for a message sent now. */
    public String timestampNow() {
        return Long.toString(wallClock.instant().getEpochSecond());
    }

    /** Why a request is not authentic, or null when it is. */
    public String problem(String timestamp, String signature, byte[] body) {
        Instant now = wallClock.instant();
        if (timestamp == null || signature == null) {
            return "missing " + (timestamp == null ? TIMESTAMP_HEADER : SIGNATURE_HEADER);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return TIMESTAMP_HEADER + " is not unix seconds";
        }
        if (!FRESH.admits(now, seconds)) {
            return TIMESTAMP_HEADER + " is more than " + WINDOW.toSeconds() + " s away from now";
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.trim());
        } catch (IllegalArgumentException e) {
            return SIGNATURE_HEADER + " is not hex";
        }
        return MessageDigest.isEqual(given, mac(timestamp.trim(), body)) ? null : "signature does not match";
    }

    /** The signature header value for a body sent at {@code timestamp}. */
    public String sign(String timestamp, byte[] body) {
        return HexFormat.of().formatHex(mac(timestamp, body));
    }

    private byte[] mac(String timestamp, byte[] body) {
        Mac mac = macs.get();
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return mac.doFinal(body);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from this JDK", e);
        }
    }
}
