package org.jianqun.miniapp.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
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
 *
 * <p>Every request asks for its session, so a found one is kept in this process for {@link #CACHE_FRESHNESS}
 * (keyed by the hash, never the token): a session ended here ({@link #end}) is forgotten at once; one ended on
 * another instance or lost with Redis stays usable here for at most that long. Unknown tokens are not cached,
 * so a guess costs the guesser a Redis look-up (and the address budget) each time.
 */
public final class MiniappSessions {
    public static final String PREFIX = "mp.";
    public static final Duration TTL = Duration.ofDays(7);
    public static final Duration CACHE_FRESHNESS = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisStore redis;
    private final Cache<String, Session> found;

    public MiniappSessions(RedisStore redis) {
        this(redis, Ticker.systemTicker());
    }

    /** @param ticker the cache's time (a test's, to see an entry go stale) */
    MiniappSessions(RedisStore redis, Ticker ticker) {
        this.redis = redis;
        this.found = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(CACHE_FRESHNESS).ticker(ticker).build();
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

    /** The live session behind the token at {@code now}. Blocking (Redis) unless this process has just seen it. */
    public Optional<Session> find(String token, Instant now) {
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String key = key(token);
        Session session = found.getIfPresent(key);
        if (session == null) {
            session = stored(key).orElse(null);
            if (session == null) {
                return Optional.empty();
            }
            found.put(key, session);
        }
        if (!now.isBefore(session.expiresAt())) {
            forget(key);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** The session if this process keeps it and it is live at {@code now}; no round trip (for an event loop). */
    public Optional<Session> kept(String token, Instant now) {
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(found.getIfPresent(key(token))).filter(session -> now.isBefore(session.expiresAt()));
    }

    /** Ends the session behind the token (signing out): refused from now on by this process, by the others within {@link #CACHE_FRESHNESS}. */
    public void end(String token) {
        if (token.startsWith(PREFIX)) {
            forget(key(token));
        }
    }

    private void forget(String key) {
        found.invalidate(key);
        redis.sync().del(key);
    }

    private Optional<Session> stored(String key) {
        Map<String, String> fields = redis.sync().hgetall(key);
        if (fields == null || !fields.containsKey("person") || !fields.containsKey("expires")) {
            return Optional.empty();
        }
        return Optional.of(new Session(Long.parseLong(fields.get("person")), Instant.ofEpochMilli(Long.parseLong(fields.get("expires")))));
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
