package org.jianqun.core.account;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Optional;
import org.jianqun.core.redis.RedisStore;

/**
 * Slows down password guessing without handing anyone who knows a username the power to lock its owner out.
 * <ul>
 * <li>Per username and client address: at most {@link #MAX_FAILURES} wrong passwords within {@link #WINDOW};
 * further attempts from that address wait for the rest of the window. A guesser locks out only their own address.</li>
 * <li>Per username: when wrong passwords came from {@link #MAX_ADDRESSES} different addresses within
 * {@link #ADDRESS_WINDOW}, the username is locked everywhere for {@link #ADDRESS_WINDOW} (a spread-out guesser
 * would otherwise get five guesses per address it controls).</li>
 * </ul>
 * An attempt is counted <em>before</em> its password is checked, in one Lua script with the check of both locks
 * ({@link #take}), so concurrent attempts cannot all pass the check before any is counted; a right password
 * takes back only its own count ({@link #succeeded}). So at most {@link #MAX_FAILURES} wrong passwords are ever
 * checked per username and address in a window, however they interleave with right ones: a success that forgot
 * earlier failures would hand a burst running beside it (from behind the same NAT, say) five fresh guesses. Counters live in Redis (shared by every instance;
 * losing them only forgets recent failures).
 */
public final class LoginThrottle {
    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int MAX_ADDRESSES = 10;
    public static final Duration ADDRESS_WINDOW = Duration.ofHours(1);

    /**
     * KEYS: this address's attempts for the username, the username's lock. ARGV: limit, window ms.
     * Answers 0 when the attempt may be checked (and counts it), else the milliseconds to wait.
     */
    private static final String TAKE = """
            local locked = redis.call('PTTL', KEYS[2])
            if locked > 0 then return locked end
            local n = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              ttl = tonumber(ARGV[2])
            end
            if n > tonumber(ARGV[1]) then
              redis.call('DECR', KEYS[1])
              return ttl
            end
            return 0
            """;

    /** KEYS: the username's failing addresses, its lock. ARGV: this address, how many addresses lock, window ms. */
    private static final String FAILED = """
            redis.call('SADD', KEYS[1], ARGV[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then
              redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
              redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    /** KEYS: this address's attempts, the username's failing addresses. ARGV: this address. The attempt was no failure: taken back. */
    private static final String SUCCEEDED = """
            redis.call('SREM', KEYS[2], ARGV[1])
            if redis.call('GET', KEYS[1]) and tonumber(redis.call('GET', KEYS[1])) > 0 then redis.call('DECR', KEYS[1]) end
            return 0
            """;

    private final RedisStore redis;

    public LoginThrottle(RedisStore redis) {
        this.redis = redis;
    }

    /**
     * Takes one attempt for this username from this address: empty when its password may be checked now (the
     * attempt is counted as a failure until {@link #succeeded}), else how long the caller must wait.
     */
    public Optional<Duration> take(LoginName username, ClientAddress from) {
        Long wait = redis.sync().eval(TAKE, ScriptOutputType.INTEGER, new String[] {failuresKey(username, from), lockKey(username)},
                Integer.toString(MAX_FAILURES), Long.toString(WINDOW.toMillis()));
        return wait == null || wait <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
    }

    /** The attempt {@link #take} counted was a wrong password: it stays counted, and the address joins the username's failing ones. */
    public void failed(LoginName username, ClientAddress from) {
        redis.sync().eval(FAILED, ScriptOutputType.INTEGER, new String[] {addressesKey(username), lockKey(username)},
                from.value(), Integer.toString(MAX_ADDRESSES), Long.toString(ADDRESS_WINDOW.toMillis()));
    }

    /** The right password: its own attempt is taken back; earlier failures stay counted until the window ends. */
    public void succeeded(LoginName username, ClientAddress from) {
        redis.sync().eval(SUCCEEDED, ScriptOutputType.INTEGER, new String[] {failuresKey(username, from), addressesKey(username)}, from.value());
    }

    // A LoginName holds no ':' (see its pattern), so the username ends where the address begins.
    static String failuresKey(LoginName username, ClientAddress from) {
        return RedisStore.key("login-failures", username.value(), from.value());
    }

    static String addressesKey(LoginName username) {
        return RedisStore.key("login-addresses", username.value());
    }

    static String lockKey(LoginName username) {
        return RedisStore.key("login-lock", username.value());
    }
}
