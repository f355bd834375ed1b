package org.jianqun.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The same migrations must run on H2 (the embedded default) and on MariaDB/MySQL (production). */
class MigrationTest {
    private static final String EMOJI_NAME = "上洋村🌾👍🏻";

    @Test
    void migratesOnH2() throws SQLException {
        try (TestDatabase db = TestDatabase.freshH2()) {
            assertSchema(db);
        }
    }

    @Test
    void migratesOnMariaDb() throws SQLException {
        Assumptions.assumeTrue(TestDatabase.realServerConfigured(), "JIANQUN_TEST_DB_URL not set: MariaDB not configured here");
        try (TestDatabase db = TestDatabase.freshMariaDb()) {
            assertSchema(db);
            try (Connection c = db.database().dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT table_name, table_collation FROM information_schema.tables "
                         + "WHERE table_schema = DATABASE() AND table_name <> 'flyway_schema_history'");
                 ResultSet rs = ps.executeQuery()) {
                List<String> collations = new ArrayList<>();
                while (rs.next()) {
                    collations.add(rs.getString(1) + "=" + rs.getString(2));
                }
                assertThat(collations).as("V1: 3 tables, V2: 6").hasSize(9).allMatch(c2 -> c2.contains("=utf8mb4_"));
            }
        }
    }

    private static void assertSchema(TestDatabase db) throws SQLException {
        Database database = db.database();
        assertThat(tables(database)).contains("region", "chat_group", "person");
        Instant at = Instant.parse("2026-02-10T01:02:03.456Z");
        database.inTransaction(s -> {
            s.getMapper(RegionMapper.class).insert(new Region("3599", "示范市", RegionLevel.CITY, null), at);
            s.getMapper(RegionMapper.class).insert(new Region("359901", EMOJI_NAME, RegionLevel.COUNTY, "3599"), at);
            return null;
        });
        Region read = database.read(s -> s.getMapper(RegionMapper.class).find("359901"));
        assertThat(read).isEqualTo(new Region("359901", EMOJI_NAME, RegionLevel.COUNTY, "3599"));
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT created_at FROM region WHERE code = '3599'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(new InstantUtcTypeHandler().getResult(rs, "created_at")).isEqualTo(at);
        }
        // Opening again applies nothing and keeps the rows.
        try (Database again = Database.open(db.settings(), 2)) {
            assertThat(again.<Long>read(s -> s.getMapper(RegionMapper.class).count())).isEqualTo(2);
        }
    }

    private static List<String> tables(Database database) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }
}
