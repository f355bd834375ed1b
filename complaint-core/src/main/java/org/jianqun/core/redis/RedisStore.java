package org.jianqun.core.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Redis through Lettuce, for what may be lost and rebuilt: sessions, idempotency keys, locks, rate
 * buckets. Commands fail fast while Redis is away (rejected, not queued), so a request never hangs
 * on a dead Redis and {@code /health} can tell. Every key is under {@code jianqun:}.
 */
public final class RedisStore implements AutoCloseable {
    public static final String PREFIX = "jianqun:";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisStore(RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.connection = connection;
    }

    public static RedisStore connect(RedisURI uri) {
        RedisURI withTimeout = RedisURI.builder(uri).withTimeout(Duration.ofSeconds(2)).build();
        RedisClient client = RedisClient.create(withTimeout);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        try {
            return new RedisStore(client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** Blocking commands: call from a worker thread, never from an event loop. */
    public RedisCommands<String, String> sync() {
        return connection.sync();
    }

    /** Pipelined commands (each answers a future): many small commands in one round trip, waited for off the event loop. */
    public RedisAsyncCommands<String, String> async() {
        return connection.async();
    }

    public static String key(String... parts) {
        return PREFIX + String.join(":", parts);
    }

    /** True when Redis answers PING within a second. */
    public boolean ping() {
        try {
            return "PONG".equals(connection.async().ping().get(1, TimeUnit.SECONDS));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
