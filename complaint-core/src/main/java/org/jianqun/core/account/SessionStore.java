package org.jianqun.core.account;

import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.jianqun.core.redis.RedisStore;

/**
 * Bearer tokens in Redis. Only the token's SHA-256 is stored, so a Redis dump does not hand out
 * sessions. A session expires by its own timestamp (checked against the platform clock) and Redis
 * drops the key after the same span. Losing Redis logs everyone out, which is the accepted price.
 */
public final class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisStore redis;

    public SessionStore(RedisStore redis) {
        this.redis = redis;
    }

    public record Session(long personId, Instant expiresAt) {
    }

    /** Redis drops the key after the same span, measured relatively: the platform clock may be a sandbox clock. */
    public String create(long personId, Instant now, Instant expiresAt) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        RedisCommands<String, String> r = redis.sync();
        String key = key(token);
        r.hset(key, Map.of("person", Long.toString(personId), "expires", Long.toString(expiresAt.toEpochMilli())));
        r.pexpire(key, Math.max(1, expiresAt.toEpochMilli() - now.toEpochMilli()));
        return token;
    }

    /** The live session behind a token, or empty when unknown or expired at {@code now}. */
    public Optional<Session> find(String token, Instant now) {
        RedisCommands<String, String> r = redis.sync();
        Map<String, String> fields = r.hgetall(key(token));
        if (fields == null || !fields.containsKey("person") || !fields.containsKey("expires")) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(fields.get("expires")));
        if (!now.isBefore(expiresAt)) {
            r.del(key(token));
            return Optional.empty();
        }
        return Optional.of(new Session(Long.parseLong(fields.get("person")), expiresAt));
    }

    public void delete(String token) {
        redis.sync().del(key(token));
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return RedisStore.key("session", HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
