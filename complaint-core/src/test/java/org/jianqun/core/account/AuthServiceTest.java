package org.jianqun.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
    private static final ClientAddress HOME = ClientAddress.ofLiteral("192.0.2.10");

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
        LoginResult result = auth.login("county-officer", "right-password", HOME);
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
        assertThat(auth.login("county-officer", "wrong-password", HOME)).isInstanceOf(LoginResult.WrongCredentials.class);
        assertThat(auth.login("nobody", "whatever-password", HOME)).isInstanceOf(LoginResult.WrongCredentials.class);
        assertThat(auth.authenticate("made-up-token")).isEmpty();
    }

    @Test
    void aTokenExpiresWithThePlatformClock() {
        String token = ((LoginResult.Success) auth.login("county-officer", "right-password", HOME)).token();
        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(auth.authenticate(token)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(auth.authenticate(token)).isEmpty();
        assertThat(redis.sync().keys("jianqun:session:*")).isEmpty();
    }

    @Test
    void logoutEndsTheSession() {
        String token = ((LoginResult.Success) auth.login("county-officer", "right-password", HOME)).token();
        auth.logout(token);
        assertThat(auth.authenticate(token)).isEmpty();
    }

    @Test
    void repeatedWrongPasswordsAreThrottledEvenForTheRightOne() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(auth.login("county-officer", "guess-" + i, HOME)).isInstanceOf(LoginResult.WrongCredentials.class);
        }
        for (int i = 0; i < 5; i++) {
            LoginResult result = auth.login("county-officer", i == 4 ? "right-password" : "guess", HOME);
            assertThat(result).isInstanceOf(LoginResult.Throttled.class);
            assertThat(((LoginResult.Throttled) result).retryAfter()).isPositive().isLessThanOrEqualTo(LoginThrottle.WINDOW);
        }
        redis.sync().del("jianqun:login-failures:county-officer:192.0.2.10");
        assertThat(auth.login("county-officer", "right-password", HOME)).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void aRightPasswordIsNoFailureButDoesNotForgetEarlierOnes() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            auth.login("county-officer", "guess", HOME);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(auth.login("county-officer", "right-password", HOME)).isInstanceOf(LoginResult.Success.class);
        }
        assertThat(auth.login("county-officer", "guess", HOME)).isInstanceOf(LoginResult.WrongCredentials.class);
        assertThat(auth.login("county-officer", "right-password", HOME)).isInstanceOf(LoginResult.Throttled.class);
        redis.sync().del("jianqun:login-failures:county-officer:192.0.2.10"); // Redis's own clock ends the window
        assertThat(auth.login("county-officer", "right-password", HOME)).isInstanceOf(LoginResult.Success.class);
    }

    /** Many attempts at once, from many threads, against the real Redis: the check and the count are one step. */
    private List<LoginResult> atOnce(List<String> passwords, ClientAddress from) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(passwords.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LoginResult>> futures = new ArrayList<>();
            for (String pw : passwords) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return auth.login("county-officer", pw, from);
                }));
            }
            go.countDown();
            List<LoginResult> results = new ArrayList<>();
            for (Future<LoginResult> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(List<LoginResult> results, Class<? extends LoginResult> kind) {
        return results.stream().filter(kind::isInstance).count();
    }

    @Test
    void fortyEightWrongPasswordsAtOnceAreCheckedAtMostFiveTimes() throws Exception {
        List<String> guesses = IntStream.range(0, 48).mapToObj(i -> "guess-" + i).toList();
        List<LoginResult> results = atOnce(guesses, HOME);
        assertThat(count(results, LoginResult.WrongCredentials.class)).isEqualTo(LoginThrottle.MAX_FAILURES);
        assertThat(count(results, LoginResult.Throttled.class)).isEqualTo(48 - LoginThrottle.MAX_FAILURES);
        assertThat(auth.login("county-officer", "right-password", HOME)).isInstanceOf(LoginResult.Throttled.class);
    }

    @Test
    void aRightPasswordInsideABurstOfWrongOnesBuysTheBurstNoExtraGuess() throws Exception {
        // The right password takes back only its own count (LoginThrottle): whenever it lands, at most five wrong
        // ones are checked; it either succeeds or waits like the rest.
        for (int round = 0; round < 5; round++) {
            redis.sync().flushdb();
            List<String> passwords = new ArrayList<>(IntStream.range(0, 15).mapToObj(i -> "guess-" + i).toList());
            passwords.add(round * 3, "right-password");
            List<LoginResult> results = atOnce(passwords, HOME);
            assertThat(count(results, LoginResult.WrongCredentials.class))
                    .as("wrong passwords checked in round " + round).isLessThanOrEqualTo(LoginThrottle.MAX_FAILURES);
            assertThat(count(results, LoginResult.Success.class) + count(results, LoginResult.Throttled.class))
                    .as("the rest waited, the right one succeeded or waited, in round " + round)
                    .isEqualTo(results.size() - count(results, LoginResult.WrongCredentials.class));
            assertThat(count(results, LoginResult.Success.class)).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aGuesserLocksOutOnlyTheirOwnAddressUntilManyAddressesFail() {
        ClientAddress guesser = ClientAddress.ofLiteral("198.51.100.7");
        for (int i = 0; i < 20; i++) {
            auth.login("county-officer", "guess-" + i, guesser);
        }
        assertThat(auth.login("county-officer", "right-password", guesser)).isInstanceOf(LoginResult.Throttled.class);
        assertThat(auth.login("county-officer", "right-password", HOME)).as("the owner, elsewhere").isInstanceOf(LoginResult.Success.class);

        for (int a = 1; a < LoginThrottle.MAX_ADDRESSES; a++) {
            assertThat(auth.login("county-officer", "guess", ClientAddress.ofLiteral("203.0.113." + a)))
                    .isInstanceOf(LoginResult.WrongCredentials.class);
        }
        LoginResult locked = auth.login("county-officer", "right-password", HOME);
        assertThat(locked).as("wrong passwords from ten addresses lock the name everywhere").isInstanceOf(LoginResult.Throttled.class);
        assertThat(((LoginResult.Throttled) locked).retryAfter()).isGreaterThan(LoginThrottle.WINDOW)
                .isLessThanOrEqualTo(LoginThrottle.ADDRESS_WINDOW);
    }

    @Test
    void oneIpv6NetworkIsOneAddress() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            auth.login("county-officer", "guess", ClientAddress.ofLiteral("2001:db8:1:2::" + Integer.toHexString(i + 1)));
        }
        assertThat(auth.login("county-officer", "right-password", ClientAddress.ofLiteral("2001:db8:1:2:ffff::9")))
                .isInstanceOf(LoginResult.Throttled.class);
        assertThat(ClientAddress.ofLiteral("::ffff:192.0.2.10")).isEqualTo(HOME);
        assertThat(ClientAddress.ofLiteral("not-an-address.example")).isEqualTo(ClientAddress.UNKNOWN);
    }

    @Test
    void everySpellingOfTheNameIsTheOneAccountAndItsOneThrottle() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(auth.login("county-officer", "guess-" + i, HOME)).isInstanceOf(LoginResult.WrongCredentials.class);
        }
        for (String spelling : List.of("county-officer ", " county-officer", "County-Officer", "\uFF43ounty-officer", "county-officer\u3000",
                "county-officer\u200B", "ＣＯＵＮＴＹ－ＯＦＦＩＣＥＲ")) {
            assertThat(auth.login(spelling, "right-password", HOME)).as(spelling).isInstanceOf(LoginResult.Throttled.class);
        }
        // An accent is another letter: no account has that name (on MariaDB it used to match county-officer).
        assertThat(auth.login("c\u00F3unty-officer", "right-password", HOME)).isInstanceOf(LoginResult.WrongCredentials.class);
        assertThat(auth.login("county officer", "right-password", HOME)).isInstanceOf(LoginResult.WrongCredentials.class);
    }
}
