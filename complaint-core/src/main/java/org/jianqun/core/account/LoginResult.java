package org.jianqun.core.account;

import java.time.Duration;
import java.time.Instant;
import org.jianqun.core.access.Actor;

/** What a login attempt came to; refusals are values, never exceptions. */
public sealed interface LoginResult {
    record Success(String token, Instant expiresAt, Actor actor) implements LoginResult {
    }

    /** Unknown user and wrong password read the same, so a guesser learns nothing. */
    record WrongCredentials() implements LoginResult {
    }

    record Throttled(Duration retryAfter) implements LoginResult {
    }
}
