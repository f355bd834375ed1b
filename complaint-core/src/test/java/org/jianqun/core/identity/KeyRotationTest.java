package org.jianqun.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** Rotation re-seals every row under the new key, in batches, and a rotation cut short resumes on a second run. */
class KeyRotationTest {
    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    @Test
    void aRotationCutShortResumesAndLeavesEveryIdentityReadableUnderTheNewKeyAlone() throws SQLException {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
        byte[] oldKey = key();
        byte[] newKey = key();
        try (TestDatabase db = TestDatabase.fresh()) {
            IdentityVault before = new IdentityVault(db.database(), new IdentityCipher(DataKeyRing.of(oldKey, List.of())));
            db.database().inTransaction(s -> {
                for (long no = 1; no <= 7; no++) {
                    before.store(s, no, new ReporterIdentity("举报人" + no, "1380013800" + no,
                            no % 2 == 0 ? IdNumber.parse("11010519491231002X") : Optional.empty()), clock.instant());
                }
                return null;
            });
            DataKeyRing during = DataKeyRing.of(newKey, List.of(oldKey));
            IdentityVault rotating = new IdentityVault(db.database(), new IdentityCipher(during));
            SealedTable real = rotating.table();
            int[] batches = {0};
            SealedTable failsOnThirdBatch = new SealedTable() {
                @Override
                public String name() {
                    return real.name();
                }

                @Override
                public long countStale(SqlSession s, DataKeyRing.KeyId current) {
                    return real.countStale(s, current);
                }

                @Override
                public Batch resealBatch(SqlSession s, long after, int limit, Instant at) {
                    Batch batch = real.resealBatch(s, after, limit, at);
                    if (++batches[0] == 3) {
                        throw new IllegalStateException("killed mid-batch");
                    }
                    return batch;
                }
            };
            KeyRotation rotation = new KeyRotation(db.database(), during, clock);
            List<String> progress = new ArrayList<>();
            assertThatThrownBy(() -> rotation.rotate(List.of(failsOnThirdBatch), 2, progress::add)).hasMessage("killed mid-batch");
            assertThat(db.database().<Long>read(s -> s.getMapper(IdentityMapper.class).countStale(during.currentId().value())))
                    .as("two batches of two committed, the third rolled back").isEqualTo(3);

            KeyRotation.Report report = rotation.rotate(List.of(real), 2, progress::add);
            assertThat(report).isEqualTo(new KeyRotation.Report(3, 0));
            assertThat(progress).noneMatch(line -> line.contains("举报人") || line.contains("13800"));

            IdentityVault afterwards = new IdentityVault(db.database(), new IdentityCipher(DataKeyRing.of(newKey, List.of())));
            for (long no = 1; no <= 7; no++) {
                long n = no;
                ReporterIdentity identity = db.database().read(s -> afterwards.open(s, n)).orElseThrow();
                assertThat(identity.realName()).isEqualTo("举报人" + no);
                assertThat(identity.phone()).isEqualTo("1380013800" + no);
                assertThat(identity.idNumber().isPresent()).isEqualTo(no % 2 == 0);
            }
            try (Connection c = db.database().dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT key_id, name_sealed, phone_sealed, id_no_sealed FROM reporter_identity")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertThat(rs.getString(1)).isEqualTo(during.currentId().value());
                    assertThat(rs.getString(2)).startsWith("v1." + during.currentId().value() + ".").doesNotContain("举报人");
                    assertThat(rs.getString(3)).startsWith("v1.").doesNotContain("13800");
                }
                assertThat(rows).isEqualTo(7);
            }
        }
    }
}
