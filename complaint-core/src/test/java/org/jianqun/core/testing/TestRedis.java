package org.jianqun.core.testing;

import io.lettuce.core.RedisURI;
import org.jianqun.core.redis.EmbeddedRedis;
import org.jianqun.core.redis.RedisStore;

/**
 * Redis for tests: the server named by JIANQUN_TEST_REDIS_URL when set (its database is flushed
 * first: point it at a database index of its own), else one embedded Redis shared by the test JVM.
 */
public final class TestRedis {
    private static EmbeddedRedis shared;

    private TestRedis() {
    }

    public static synchronized RedisURI uri() {
        String url = System.getenv("JIANQUN_TEST_REDIS_URL");
        if (url != null && !url.isBlank()) {
            return RedisURI.create(url);
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI must set JIANQUN_TEST_REDIS_URL: the suite has to run against a real Redis");
        }
        if (shared == null) {
            shared = EmbeddedRedis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared.uri();
    }

    /**
     * {@link #uri()} as the JIANQUN_REDIS_URL of a platform a test starts: with the embedded server's password, which
     * {@code uri().toURI()} left out (the platform then failed on WRONGPASS on the embedded default).
     */
    public static synchronized String url() {
        String url = System.getenv("JIANQUN_TEST_REDIS_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        uri();
        return shared.url();
    }

    /** A connection to an empty Redis database. */
    public static RedisStore fresh() {
        RedisStore store = RedisStore.connect(uri());
        store.sync().flushdb();
        return store;
    }
}
