package org.jianqun.miniapp.session;

import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.jianqun.core.redis.RedisStore;

/**
 * The mini-program's bearer tokens: a kind of their own, in their own Redis keys
 * ({@code jianqun:miniapp:session:<sha256>}), so an officer's token (core's {@code SessionStore},
 * {@code jianqun:session:…}) is unknown here and a mini-program token is unknown on officer routes. Tokens
 * carry a {@code mp.} prefix so that people (and logs that redact tokens) can tell the kinds apart. As with
 * officers' sessions only the SHA-256 is stored, and a session ends by its own timestamp on the platform clock.
 */
public final class MiniappSessions {
    public static final String PREFIX = "mp.";
    public static final Duration TTL = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisStore redis;

    public MiniappSessions(RedisStore redis) {
        this.redis = redis;
    }

    public record Session(long personId, Instant expiresAt) {
    }

    public String create(long personId, Instant now) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant expiresAt = now.plus(TTL);
        RedisCommands<String, String> r = redis.sync();
        String key = key(token);
        r.hset(key, Map.of("person", Long.toString(personId), "expires", Long.toString(expiresAt.toEpochMilli())));
        r.pexpire(key, TTL.toMillis());
        return token;
    }

    public Optional<Session> find(String token, Instant now) {
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Map<String, String> fields = redis.sync().hgetall(key(token));
        if (fields == null || !fields.containsKey("person") || !fields.containsKey("expires")) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(fields.get("expires")));
        if (!now.isBefore(expiresAt)) {
            redis.sync().del(key(token));
            return Optional.empty();
        }
        return Optional.of(new Session(Long.parseLong(fields.get("person")), expiresAt));
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return RedisStore.key("miniapp", "session", HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
