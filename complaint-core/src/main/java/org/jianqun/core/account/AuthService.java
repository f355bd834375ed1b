package org.jianqun.core.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jianqun.core.access.Actor;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.PersonMapper;

/** Login, logout and "who holds this token". Blocking (database, Redis, PBKDF2): run on a worker. */
public final class AuthService {
    /** Verified against when the username is unknown, so both refusals take the same time. */
    private final String decoyHash;

    private final Database database;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final ActorDirectory actors;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Duration sessionTtl;

    public AuthService(Database database, SessionStore sessions, LoginThrottle throttle, ActorDirectory actors,
                       PasswordHasher hasher, Clock clock, Duration sessionTtl) {
        this.database = database;
        this.sessions = sessions;
        this.throttle = throttle;
        this.actors = actors;
        this.hasher = hasher;
        this.clock = clock;
        this.sessionTtl = sessionTtl;
        this.decoyHash = hasher.hash("decoy password that no account has");
    }

    /**
     * One login attempt from {@code from}. The username is read as {@link LoginName} reads it (so every way of
     * writing one account's name is that account, and is throttled as one); a name that cannot be an account
     * answers like a wrong password, after the same hashing.
     */
    public LoginResult login(String typedUsername, String password, ClientAddress from) {
        Optional<LoginName> name = LoginName.parse(typedUsername);
        if (name.isEmpty()) {
            hasher.matches(password, decoyHash);
            return new LoginResult.WrongCredentials();
        }
        Optional<Duration> blocked = throttle.take(name.get(), from);
        if (blocked.isPresent()) {
            return new LoginResult.Throttled(blocked.get());
        }
        Person person = database.read(s -> s.getMapper(PersonMapper.class).findByUsername(name.get().value()));
        boolean ok = hasher.matches(password, person == null ? decoyHash : person.passwordHash()) && person != null;
        if (!ok) {
            throttle.failed(name.get(), from);
            return new LoginResult.WrongCredentials();
        }
        throttle.succeeded(name.get(), from);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(sessionTtl);
        String token = sessions.create(person.id(), now, expiresAt);
        return new LoginResult.Success(token, expiresAt, ActorDirectory.toActor(person));
    }

    /** The actor behind a live token; empty if the token is unknown, expired, or its person is gone. */
    public Optional<Actor> authenticate(String token) {
        return sessions.find(token, clock.instant()).flatMap(s -> actors.find(s.personId()));
    }

    public void logout(String token) {
        sessions.delete(token);
    }
}
