package org.jianqun.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityCipherTest {
    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    @Test
    void aSealedValueOpensOnlyForItsOwnerAndFieldAndCarriesItsKeyId() {
        IdentityCipher cipher = new IdentityCipher(DataKeyRing.of(key(), List.of()));
        String sealed = cipher.seal("13800138000", Binding.ofTicket(7, "phone"));
        assertThat(sealed).startsWith("v1." + cipher.ring().currentId().value() + ".").doesNotContain("13800138000");
        assertThat(cipher.open(sealed, Binding.ofTicket(7, "phone"))).isEqualTo("13800138000");
        assertThat(cipher.seal("13800138000", Binding.ofTicket(7, "phone"))).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.open(sealed, Binding.ofTicket(8, "phone"))).as("moved to another ticket")
                .isInstanceOf(IdentityCipher.SealedValueException.class).hasMessageNotContaining("13800138000");
        assertThatThrownBy(() -> cipher.open(sealed, Binding.ofTicket(7, "name"))).as("moved to another field")
                .isInstanceOf(IdentityCipher.SealedValueException.class);
        assertThatThrownBy(() -> cipher.open(sealed, Binding.ofPerson(7, "phone"))).as("a person's is not a ticket's")
                .isInstanceOf(IdentityCipher.SealedValueException.class);
        String altered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> cipher.open(altered, Binding.ofTicket(7, "phone"))).isInstanceOf(IdentityCipher.SealedValueException.class);
    }

    @Test
    void previousKeysOpenButOnlyTheCurrentOneSeals() {
        byte[] old = key();
        byte[] fresh = key();
        IdentityCipher before = new IdentityCipher(DataKeyRing.of(old, List.of()));
        String sealed = before.seal("张三", Binding.ofTicket(1, "name"));
        IdentityCipher during = new IdentityCipher(DataKeyRing.of(fresh, List.of(old)));
        assertThat(during.open(sealed, Binding.ofTicket(1, "name"))).isEqualTo("张三");
        String resealed = during.reseal(sealed, Binding.ofTicket(1, "name"));
        assertThat(IdentityCipher.keyIdOf(resealed)).contains(during.ring().currentId());
        IdentityCipher after = new IdentityCipher(DataKeyRing.of(fresh, List.of()));
        assertThat(after.open(resealed, Binding.ofTicket(1, "name"))).isEqualTo("张三");
        assertThatThrownBy(() -> after.open(sealed, Binding.ofTicket(1, "name"))).hasMessageContaining("neither JIANQUN_DATA_KEY");
    }

    @Test
    void previousKeysAreReadFromTheVariableAndABadOneIsNamedByPositionOnly() {
        String good = java.util.Base64.getEncoder().encodeToString(key());
        assertThat(DataKeyRing.parsePrevious(good + ", " + good)).hasSize(2);
        assertThat(DataKeyRing.parsePrevious("  ")).isEmpty();
        assertThatThrownBy(() -> DataKeyRing.parsePrevious(good + ",c2hvcnQ=")).hasMessageContaining("key 2").hasMessageNotContaining("c2hvcnQ");
    }

    @Test
    void idNumbersAreCheckedByTheGb11643Checksum() {
        assertThat(IdNumber.problem("11010519491231002X")).isEmpty();
        assertThat(IdNumber.problem("110105194912310021")).hasValueSatisfying(p -> assertThat(p).contains("校验码"));
        assertThat(IdNumber.problem("11010519491331002X")).hasValueSatisfying(p -> assertThat(p).contains("出生日期"));
        assertThat(IdNumber.problem("1101051949")).isPresent();
        assertThat(IdNumber.parse("11010519491231002x").orElseThrow().value()).isEqualTo("11010519491231002X");
        assertThat(IdNumber.parse("11010519491231002X").orElseThrow().toString()).doesNotContain("1101");
        assertThat(new ReporterIdentity("张三", "13800138000", IdNumber.parse("11010519491231002X")).toString())
                .doesNotContain("张三", "13800138000", "1101");
    }
}
