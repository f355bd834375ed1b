package org.jianqun.miniapp.limits;

import io.lettuce.core.RedisNoScriptException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jianqun.core.redis.RedisStore;

/**
 * Fixed-window request budgets in Redis, shared by every instance: per mini-program user and per client
 * address (an address may be a whole village's carrier NAT, so its budget is the larger). A spent budget
 * answers how long until the window turns; the caller answers 429 with that as Retry-After.
 */
public final class RateLimits {
    /** A named budget: how many requests in how long. */
    public record Budget(String name, int requests, Duration window) {
        public Budget {
            if (requests < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a budget needs requests and a window: " + name);
            }
        }
    }

    /** Signing in: WeChat's codes are single-use, so a burst of them is a script, not a person. */
    public static final Budget SESSION_PER_ADDRESS = new Budget("session-addr", 60, Duration.ofMinutes(1));
    /** Everything a signed-in user asks, reads included. */
    public static final Budget REQUESTS_PER_USER = new Budget("user", 120, Duration.ofMinutes(1));
    public static final Budget REQUESTS_PER_ADDRESS = new Budget("addr", 1200, Duration.ofMinutes(1));
    /** What writes tickets or stores images: a person reports a few matters a day, not hundreds. */
    public static final Budget WRITES_PER_USER = new Budget("user-write", 20, Duration.ofHours(1));
    /** Photos: nine a report, a few reports. */
    public static final Budget MEDIA_PER_USER = new Budget("user-media", 60, Duration.ofHours(1));

    /** One request to take from {@code who}'s {@code budget}. */
    public record Take(Budget budget, String who) {
    }

    // For each key in turn: INCR then (first hit only) PEXPIRE, atomically, so a window never loses its expiry; the first
    // budget found spent ends the script (the later ones are not taken from) and answers its index and how long it has left.
    private static final String TAKE = "for i, key in ipairs(KEYS) do "
            + "local n = redis.call('INCR', key) "
            + "if n == 1 then redis.call('PEXPIRE', key, ARGV[2 * i - 1]) end "
            + "if n > tonumber(ARGV[2 * i]) then return {i, redis.call('PTTL', key)} end "
            + "end return {0, 0}";

    private final RedisStore redis;
    private final String takeDigest;

    public RateLimits(RedisStore redis) {
        this.redis = redis;
        this.takeDigest = redis.sync().digest(TAKE);
    }

    /** The address's take of {@code budget}, or none for loopback (see {@link #takeForAddress}). */
    public static Optional<Take> forAddress(Budget budget, String address) {
        boolean loopback = address.equals("127.0.0.1") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
        return loopback ? Optional.empty() : Optional.of(new Take(budget, address));
    }

    /**
     * Takes one request from {@code address}'s budget. Loopback is not counted: a reverse proxy on the same host
     * makes every request come from there, so the proxy's own per-address limit is the one that can work then.
     */
    public Optional<Duration> takeForAddress(Budget budget, String address) {
        return take(forAddress(budget, address).stream().toList());
    }

    /** Takes one request from the budget of {@code who}; empty when allowed, else how long to wait. Blocking (Redis). */
    public Optional<Duration> take(Budget budget, String who) {
        return take(List.of(new Take(budget, who)));
    }

    /**
     * Takes one request from each budget in order, in one round trip, as if taken one by one until one is spent: empty
     * when all allowed, else how long to wait for the spent one. Blocking (Redis).
     */
    public Optional<Duration> take(List<Take> takes) {
        if (takes.isEmpty()) {
            return Optional.empty();
        }
        Call call = new Call(takes);
        List<Long> answer;
        try {
            answer = redis.sync().evalsha(takeDigest, ScriptOutputType.MULTI, call.keys, call.args);
        } catch (RedisNoScriptException e) { // Redis restarted or flushed its scripts: the text once more
            answer = redis.sync().eval(TAKE, ScriptOutputType.MULTI, call.keys, call.args);
        }
        return call.answer(answer);
    }

    /** {@link #take(List)} without blocking: the answer comes back on {@code context} (an event loop's). */
    public Future<Optional<Duration>> takeAsync(List<Take> takes, Context context) {
        if (takes.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        Call call = new Call(takes);
        CompletionStage<List<Long>> answer = redis.async().<List<Long>>evalsha(takeDigest, ScriptOutputType.MULTI, call.keys, call.args)
                .exceptionallyCompose(e -> (e instanceof RedisNoScriptException || e.getCause() instanceof RedisNoScriptException)
                        ? redis.async().<List<Long>>eval(TAKE, ScriptOutputType.MULTI, call.keys, call.args)
                        : CompletableFuture.failedStage(e));
        return Future.fromCompletionStage(answer, context).map(call::answer);
    }

    /** The script's keys and arguments for some takes, and how to read its answer. */
    private static final class Call {
        final List<Take> takes;
        final String[] keys;
        final String[] args;

        Call(List<Take> takes) {
            this.takes = takes;
            this.keys = new String[takes.size()];
            this.args = new String[2 * takes.size()];
            for (int i = 0; i < takes.size(); i++) {
                Budget budget = takes.get(i).budget();
                keys[i] = RedisStore.key("miniapp", "rate", budget.name(), takes.get(i).who());
                args[2 * i] = Long.toString(budget.window().toMillis());
                args[2 * i + 1] = Integer.toString(budget.requests());
            }
        }

        Optional<Duration> answer(List<Long> answer) {
            int spent = answer.get(0).intValue();
            if (spent == 0) {
                return Optional.empty();
            }
            long ttl = answer.get(1);
            return Optional.of(Duration.ofMillis(ttl > 0 ? ttl : takes.get(spent - 1).budget().window().toMillis()));
        }
    }
}
