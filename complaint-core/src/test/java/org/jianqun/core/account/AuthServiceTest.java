package org.jianqun.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.jianqun.core.access.Role;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logins against the real database and the real Redis (MariaDB and Redis in CI). */
class AuthServiceTest {
    private static TestDatabase db;
    private static RedisStore redis;
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private AuthService auth;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        db.database().inTransaction(s -> {
            s.getMapper(PersonMapper.class).insert(new Person(null, "县级督办员", Role.COUNTY_OFFICER, "359901", null, null,
                    "county-officer", HASHER.hash("right-password")), Instant.EPOCH);
            return null;
        });
    }

    @AfterAll
    static void close() {
        redis.close();
        db.close();
    }

    @BeforeEach
    void fresh() {
        redis.sync().flushdb();
        auth = new AuthService(db.database(), new SessionStore(redis), new LoginThrottle(redis), new ActorDirectory(db.database()),
                HASHER, clock, Duration.ofHours(12));
    }

    @Test
    void aRightPasswordGivesATokenThatNamesTheActor() {
        LoginResult result = auth.login("county-officer", "right-password");
        assertThat(result).isInstanceOf(LoginResult.Success.class);
        LoginResult.Success success = (LoginResult.Success) result;
        assertThat(success.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
        assertThat(auth.authenticate(success.token())).get()
                .satisfies(a -> {
                    assertThat(a.role()).isEqualTo(Role.COUNTY_OFFICER);
                    assertThat(a.scopeCode()).isEqualTo("359901");
                });
        assertThat(redis.sync().keys("jianqun:session:*")).hasSize(1).noneMatch(k -> k.contains(success.token()));
    }

    @Test
    void wrongPasswordAndUnknownUserReadTheSame() {
        assertThat(auth.login("county-officer", "wrong-password")).isInstanceOf(LoginResult.WrongCredentials.class);
        assertThat(auth.login("nobody", "whatever-password")).isInstanceOf(LoginResult.WrongCredentials.class);
        assertThat(auth.authenticate("made-up-token")).isEmpty();
    }

    @Test
    void aTokenExpiresWithThePlatformClock() {
        String token = ((LoginResult.Success) auth.login("county-officer", "right-password")).token();
        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(auth.authenticate(token)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(auth.authenticate(token)).isEmpty();
        assertThat(redis.sync().keys("jianqun:session:*")).isEmpty();
    }

    @Test
    void logoutEndsTheSession() {
        String token = ((LoginResult.Success) auth.login("county-officer", "right-password")).token();
        auth.logout(token);
        assertThat(auth.authenticate(token)).isEmpty();
    }

    @Test
    void repeatedWrongPasswordsAreThrottledEvenForTheRightOne() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(auth.login("county-officer", "guess-" + i)).isInstanceOf(LoginResult.WrongCredentials.class);
        }
        for (int i = 0; i < 5; i++) {
            LoginResult result = auth.login("county-officer", i == 4 ? "right-password" : "guess");
            assertThat(result).isInstanceOf(LoginResult.Throttled.class);
            assertThat(((LoginResult.Throttled) result).retryAfter()).isPositive().isLessThanOrEqualTo(LoginThrottle.WINDOW);
        }
        redis.sync().del("jianqun:login-failures:county-officer");
        assertThat(auth.login("county-officer", "right-password")).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void aSuccessfulLoginForgetsEarlierFailures() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            auth.login("county-officer", "guess");
        }
        assertThat(auth.login("county-officer", "right-password")).isInstanceOf(LoginResult.Success.class);
        assertThat(auth.login("county-officer", "guess")).isInstanceOf(LoginResult.WrongCredentials.class);
        assertThat(auth.login("county-officer", "right-password")).isInstanceOf(LoginResult.Success.class);
    }
}
