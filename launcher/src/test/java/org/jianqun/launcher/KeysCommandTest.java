package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.identity.DataKeyRing;
import org.jianqun.core.identity.IdNumber;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.core.identity.IdentityVault;
import org.jianqun.core.identity.ReporterIdentity;
import org.jianqun.core.persistence.Database;
import org.jianqun.miniapp.identity.CorePhoneSealer;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/jianqun keys rotate} in the demo (the key file in JIANQUN_DATA_DIR): a new data key, every identity
 * re-sealed under it in batches, the old key gone once done, every identity readable under the new key alone.
 */
class KeysCommandTest {
    @Test
    void rotateLeavesEveryIdentityReadableUnderTheNewKeyAlone() throws Exception {
        Path dataDir = Path.of(System.getenv().getOrDefault("JIANQUN_DATA_DIR", "data"));
        EmbeddedDatabase.reset(dataDir);
        JianqunConfig config = JianqunConfig.load(ConfigSource.of(Map.of("JIANQUN_DATA_DIR", dataDir.toString())));
        DataKeyRing old = DataKey.ring(config);
        try (Database db = EmbeddedDatabase.openForCommand(config, 1)) {
            IdentityVault vault = new IdentityVault(db, new IdentityCipher(old));
            db.inTransaction(s -> {
                for (long no = 1; no <= 5; no++) {
                    vault.store(s, no, new ReporterIdentity("举报人" + no, "1391234567" + no,
                            no == 3 ? IdNumber.parse("11010519491231002X") : Optional.empty()), Instant.now());
                }
                // A mini-program user's bound phone, sealed to its person: rotated too.
                try (Statement st = s.getConnection().createStatement()) {
                    st.executeUpdate("INSERT INTO person (id, name, role, created_at, updated_at) VALUES (7001, '微信用户', 'VILLAGER', NOW(), NOW())");
                    st.executeUpdate("INSERT INTO miniapp_user (person_id, openid, phone_sealed, phone_key_id, created_at, updated_at) VALUES (7001, "
                            + "'openid-keys', '" + new CorePhoneSealer(new IdentityCipher(old)).seal("13700001111", 7001).text() + "', '"
                            + old.currentId().value() + "', NOW(), NOW())");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        }

        CommandRun run = CommandRun.of("keys", "rotate", "--batch", "2");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("重新加密 6 条；未完成 0 条").doesNotContain("举报人", "13912");
        assertThat(Files.exists(dataDir.resolve(DataKey.PREVIOUS_FILE))).as("the old key is gone once all is re-sealed").isFalse();

        DataKeyRing fresh = DataKey.ring(config);
        assertThat(fresh.currentId()).isNotEqualTo(old.currentId());
        assertThat(fresh.holds(old.currentId())).isFalse();
        try (Database db = EmbeddedDatabase.openForCommand(config, 1)) {
            IdentityVault vault = new IdentityVault(db, new IdentityCipher(fresh));
            for (long no = 1; no <= 5; no++) {
                long n = no;
                ReporterIdentity identity = db.read(s -> vault.open(s, n)).orElseThrow();
                assertThat(identity.realName()).isEqualTo("举报人" + no);
                assertThat(identity.phone()).isEqualTo("1391234567" + no);
                assertThat(identity.idNumber().map(IdNumber::value)).isEqualTo(no == 3 ? Optional.of("11010519491231002X") : Optional.empty());
            }
            assertThat(new CorePhoneSealer(new IdentityCipher(fresh)).open(db.read(s -> {
                try (Statement st = s.getConnection().createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT phone_sealed FROM miniapp_user WHERE person_id = 7001")) {
                    rs.next();
                    return rs.getString(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }), 7001)).isEqualTo("13700001111");
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT key_id, name_sealed, phone_sealed FROM reporter_identity")) {
                while (rs.next()) {
                    assertThat(rs.getString(1)).isEqualTo(fresh.currentId().value());
                    assertThat(rs.getString(2)).startsWith("v1." + fresh.currentId().value() + ".").doesNotContain("举报人");
                    assertThat(rs.getString(3)).doesNotContain("13912");
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        CommandRun again = CommandRun.of("keys", "rotate");
        assertThat(again.exit()).as("a second rotation makes another key and re-seals again").isZero();
        assertThat(again.out()).contains("重新加密 6 条；未完成 0 条");
        assertThat(List.of(DataKey.ring(config).currentId())).doesNotContain(fresh.currentId());
    }
}
