package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jianqun.core.CoreServices;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.disclosure.warnings.WarningRule;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.junit.jupiter.api.Test;

/** The demo's two months trip every smart warning in the village meant to, and the subsidy rules nowhere else. */
class DemoDisclosuresTest {
    @Test
    void eachWarningIsTrippedWhereTheDemoSaysAndTheSubsidyRulesOnlyThere() {
        // A clock in February seeds December and January (across the year's end), one in January November and December (one year).
        for (String start : List.of("2026-02-10T02:00:00Z", "2026-01-10T02:00:00Z")) {
            try (TestDatabase db = TestDatabase.fresh(); RedisStore redis = TestRedis.fresh()) {
                MutableClock clock = new MutableClock(Instant.parse(start));
                CoreServices core = CoreServices.assemble(JianqunConfig.load(ConfigSource.of(Map.of())), clock, db.database(), redis,
                        new PasswordHasher(10_000));
                assertThat(DemoCounty.seedIfEmpty(db.database(), core.importer(), clock)).isTrue();
                DemoDisclosures.seed(core);
                List<String[]> raised = warnings(db);
                assertThat(raised).extracting(w -> w[0]).as(start).containsAll(java.util.Arrays.stream(WarningRule.values()).map(Enum::name).toList());
                assertThat(raised).filteredOn(w -> w[0].equals("SUBSIDY_TWICE")).extracting(w -> w[1]).as("岭下村, once a month")
                        .containsExactly("359901100205", "359901100205");
                assertThat(raised).filteredOn(w -> w[0].equals("RELATIVE_SUBSIDY")).as("东岭村, by ID number, once a month")
                        .extracting(w -> w[1] + " " + w[2]).containsExactly("359901100201 RED", "359901100201 RED");
            }
        }
    }

    private static List<String[]> warnings(TestDatabase db) {
        return db.database().read(s -> {
            List<String[]> rows = new ArrayList<>();
            try (Statement st = s.getConnection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT rule_name, village_code, colour FROM disclosure_warning ORDER BY id")) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return rows;
        });
    }
}
