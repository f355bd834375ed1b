package org.jianqun.core.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jianqun.core.organisation.Spelling;

/**
 * A username in the one form it is stored, looked up and throttled by: what was typed, compatibility-folded
 * (NFKC: a full-width ｔ is t), trimmed of spaces and invisible characters at its ends, lower-cased. Import
 * and login both go through {@link #parse}, so an account has one spelling and a throttle counts its
 * attempts however the name was written. A name that cannot be an account (not 3–64 of a–z, 0–9, '.', '_',
 * '-' once folded) is no name at all: an accent or a space inside stays what it is and matches nothing.
 */
public record LoginName(String value) {
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9_.-]{2,63}");

    public LoginName {
        if (!ACCOUNT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a username in its stored form");
        }
    }

    /** The username as stored, or empty when what was typed cannot be one. */
    public static Optional<LoginName> parse(String typed) {
        String folded = Spelling.trimmed(Normalizer.normalize(typed, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
        return ACCOUNT.matcher(folded).matches() ? Optional.of(new LoginName(folded)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
