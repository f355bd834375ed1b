package org.jianqun.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(10_000);

    @Test
    void aHashVerifiesItsPasswordOnly() {
        String hash = hasher.hash("correct horse");
        assertThat(hash).startsWith("pbkdf2-sha256$10000$").doesNotContain("correct horse");
        assertThat(hasher.matches("correct horse", hash)).isTrue();
        assertThat(hasher.matches("correct hors", hash)).isFalse();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void theStoredIterationCountIsHonoured() {
        String old = new PasswordHasher(2_000).hash("pw-12345678");
        assertThat(hasher.matches("pw-12345678", old)).isTrue();
    }

    @Test
    void malformedHashesNeverMatch() {
        assertThat(hasher.matches("x", null)).isFalse();
        assertThat(hasher.matches("x", "plain")).isFalse();
        assertThat(hasher.matches("x", "pbkdf2-sha256$abc$AA$AA")).isFalse();
        assertThat(hasher.matches("x", "md5$1$AA$AA")).isFalse();
    }
}
