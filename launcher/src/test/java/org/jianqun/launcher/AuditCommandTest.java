package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditKey;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.audit.AuditWitnessJob;
import org.jianqun.core.audit.AuditWitnesses;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.persistence.Database;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/jianqun audit verify} against the embedded database in JIANQUN_DATA_DIR (the
 * launcher's surefire configuration points it into target/), before and after a row is changed.
 */
class AuditCommandTest {
    private static CommandRun verify() {
        return CommandRun.of("audit", "verify");
    }

    private static AuditEntry entry(String type, String detail) {
        return new AuditEntry("359901", Instant.parse("2026-03-02T01:00:00Z"), 1L, type, AuditEntry.ACCEPTED, "东岭村干部 (village_cadre #1)",
                "village_cadre", "console", null, "OPEN@village", detail);
    }

    @Test
    void printsOneLineAndExitsZeroWhenWholeAndOneWhenARowWasChanged() throws SQLException {
        Path dataDir = Path.of(System.getenv().getOrDefault("JIANQUN_DATA_DIR", "data"));
        EmbeddedDatabase.reset(dataDir);

        CommandRun empty = verify();
        assertThat(empty.exit()).as(empty.err()).isZero();
        assertThat(empty.out()).isEqualTo("audit trail ok: 0 rows checked" + System.lineSeparator());

        AuditKey key = AuditKeyFile.resolve(JianqunConfig.load(ConfigSource.fromEnvironment(System.getenv())));
        try (Database db = Database.open(EmbeddedDatabase.settings(dataDir), 2, null, key)) {
            db.inTransaction(s -> {
                AuditTrail.appendAll(s, List.of(entry("REGISTERED", "登记"), entry("CLAIMED", "认领"), entry("RESOLVED", "办结：已修")));
                return null;
            });
        }
        CommandRun whole = verify();
        assertThat(whole.exit()).as(whole.err()).isZero();
        assertThat(whole.out()).isEqualTo("audit trail ok: 3 rows checked" + System.lineSeparator());

        long tampered;
        try (Database db = Database.open(EmbeddedDatabase.settings(dataDir), 2, null, key);
             Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            tampered = idOf(st, "CLAIMED");
            assertThat(st.executeUpdate("UPDATE audit_event SET detail = 'x' WHERE id = " + tampered)).isEqualTo(1);
        }
        CommandRun broken = verify();
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).isEmpty();
        assertThat(broken.err()).contains("audit trail BROKEN at row id " + tampered + " (chain 359901, position 2)", "changed", "2 rows checked")
                .hasLineCount(1);
    }

    @Test
    void aTruncationByADatabaseWriterIsNamedWithTheFirstDayAWitnessDisagrees() throws SQLException {
        Path dataDir = Path.of(System.getenv().getOrDefault("JIANQUN_DATA_DIR", "data"));
        EmbeddedDatabase.reset(dataDir);
        JianqunConfig config = JianqunConfig.load(ConfigSource.fromEnvironment(System.getenv()));
        try (Database db = Database.open(EmbeddedDatabase.settings(dataDir), 2, null, AuditKeyFile.resolve(config))) {
            db.inTransaction(s -> {
                AuditTrail.appendAll(s, List.of(entry("REGISTERED", "登记"), entry("CLAIMED", "认领"), entry("RESOLVED", "办结：已修")));
                return null;
            });
            Clock nineInChina = Clock.fixed(Instant.parse("2026-03-02T01:00:00Z"), ZoneOffset.UTC);
            assertThat(new AuditWitnessJob(db, new AuditWitnesses(config.auditWitnessDir()), nineInChina).runOnce().witnessed()).isTrue();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                String claimedHash;
                try (ResultSet rs = st.executeQuery("SELECT hash FROM audit_event WHERE type = 'CLAIMED'")) {
                    assertThat(rs.next()).isTrue();
                    claimedHash = rs.getString(1);
                }
                st.execute("DELETE FROM audit_event WHERE id = " + idOf(st, "RESOLVED"));
                st.execute("UPDATE audit_head SET seq = 2, hash = '" + claimedHash + "' WHERE chain_key = '359901'");
            }
        }
        CommandRun broken = verify();
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("chain 359901", "seal does not fit", "first day a witness disagrees: 2026-03-02").hasLineCount(1);
        EmbeddedDatabase.reset(dataDir);
    }

    private static long idOf(Statement st, String type) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT id FROM audit_event WHERE type = '" + type + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
