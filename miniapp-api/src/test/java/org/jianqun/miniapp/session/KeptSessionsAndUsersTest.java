package org.jianqun.miniapp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jianqun.core.identity.DataKeyRing;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.miniapp.identity.CorePhoneSealer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sessions and users this process keeps in front of Redis and the database: what ends or changes here is
 * seen at once, what ends or changes elsewhere within the freshness, and a kept session still ends by its own time.
 */
class KeptSessionsAndUsersTest {
    static TestDatabase db;
    static RedisStore redis;
    final AtomicLong nanos = new AtomicLong();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
    }

    @AfterAll
    static void stop() {
        redis.close();
        db.close();
    }

    MiniappSessions sessions() {
        return new MiniappSessions(redis, nanos::get);
    }

    MiniappUsers users() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new MiniappUsers(db.database(), new CorePhoneSealer(new IdentityCipher(DataKeyRing.of(key, List.of()))), clock, nanos::get);
    }

    void later(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** Another instance signing the user out, or Redis losing the key: the key is gone behind this process's back. */
    void goneElsewhere() {
        redis.sync().keys("jianqun:miniapp:session:*").forEach(k -> redis.sync().del(k));
    }

    @Test
    void aSessionEndedElsewhereIsRefusedHereOnceItsKeptCopyIsStale() {
        MiniappSessions sessions = sessions();
        String token = sessions.create(41, clock.instant());
        assertThat(sessions.find(token, clock.instant())).map(MiniappSessions.Session::personId).contains(41L);

        goneElsewhere();
        later(MiniappSessions.CACHE_FRESHNESS.minusMillis(1));
        assertThat(sessions.find(token, clock.instant())).as("kept for the freshness").isPresent();
        later(Duration.ofMillis(2));
        assertThat(sessions.find(token, clock.instant())).as("asked Redis again").isEmpty();
    }

    @Test
    void aSessionEndedHereIsRefusedAtOnce() {
        MiniappSessions sessions = sessions();
        String token = sessions.create(42, clock.instant());
        assertThat(sessions.find(token, clock.instant())).isPresent();

        assertThat(sessions.kept(token, clock.instant())).as("what the event loop may use without Redis").isPresent();

        sessions.end(token);
        assertThat(sessions.kept(token, clock.instant())).isEmpty();
        assertThat(sessions.find(token, clock.instant())).isEmpty();
        assertThat(redis.sync().keys("jianqun:miniapp:session:*")).isEmpty();
    }

    @Test
    void aKeptSessionStillEndsByItsOwnTimestamp() {
        MiniappSessions sessions = sessions();
        String token = sessions.create(43, clock.instant());
        assertThat(sessions.find(token, clock.instant())).isPresent();

        clock.advance(MiniappSessions.TTL);
        assertThat(sessions.kept(token, clock.instant())).isEmpty();
        assertThat(sessions.find(token, clock.instant())).isEmpty();
        clock.advance(MiniappSessions.TTL.negated());
        assertThat(sessions.find(token, clock.instant())).as("ended for good, not only for that instant").isEmpty();
    }

    @Test
    void anUnknownTokenIsNotKept() {
        MiniappSessions sessions = sessions();
        assertThat(sessions.find("mp.not-a-token", clock.instant())).isEmpty();
        assertThat(sessions.find("officer-token", clock.instant())).isEmpty();
    }

    @Test
    void aChangeMadeHereIsSeenAtOnceAndOneMadeElsewhereWithinTheFreshness() {
        MiniappUsers users = users();
        MiniappUser user = users.signIn("o-kept-" + System.nanoTime());
        assertThat(users.find(user.personId())).map(MiniappUser::villageCode).contains(java.util.Optional.empty());

        users.setVillage(user.personId(), "359901100201");
        assertThat(users.kept(user.personId()).orElseThrow().villageCode()).contains("359901100201");
        assertThat(users.find(user.personId()).orElseThrow().villageCode()).contains("359901100201");

        // Another instance moves the user: this one's kept copy answers until it is stale.
        MiniappUsers elsewhere = users();
        elsewhere.setVillage(user.personId(), "359901100202");
        assertThat(users.find(user.personId()).orElseThrow().villageCode()).contains("359901100201");
        later(MiniappUsers.FRESHNESS.plusMillis(1));
        assertThat(users.find(user.personId()).orElseThrow().villageCode()).contains("359901100202");
    }

    @Test
    void aPersonWhoIsNotAUserIsNotKeptAsMissing() {
        MiniappUsers users = users();
        assertThat(users.find(987_654_321L)).isEmpty();
        assertThat(users.find(987_654_321L)).isEmpty();
    }
}
