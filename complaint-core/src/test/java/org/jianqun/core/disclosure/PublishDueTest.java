package org.jianqun.core.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.outbox.Broadcast;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A push day publishes many versions a transaction, each step one statement for all of them: every ready
 * version is published once with one delivery request, a request already made is not made again, versions
 * not ready are left alone, and the audit trail's chains (one per county) stay whole.
 */
class PublishDueTest {
    /** 2026-04-05 09:00 in Beijing: March's push day. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-05T01:00:00Z"));
    private TestDatabase db;
    private DisclosureDesk desk;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        desk = new DisclosureDesk(db.database(), clock, subject -> {
            throw new IllegalStateException("nothing is rendered on the push day");
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aPassPublishesEveryReadyVersionOnceWithOneRequestEachAndTheChainsStayWhole() throws SQLException {
        List<Long> ready = new ArrayList<>();
        for (int v = 0; v < 7; v++) {
            // Two counties: two audit chains in one transaction.
            String county = v < 4 ? "359901" : "359902";
            ready.add(disclosure(county + "100" + (201 + v), county, "READY", "## 村" + v + " 2026年3月三务公开"));
        }
        long submitted = disclosure("359901100299", "359901", "SUBMITTED", null);
        // A crash after an earlier request was written but (impossibly here) before its version moved: asked already, not again.
        db.database().inTransaction(s -> Outbox.requestOnce(s, clock.instant(), DisclosureDesk.pushKey(ready.get(2)), DisclosureDesk.PUBLISHED_EVENT,
                OutboxMessage.toVillagers("359901100203", Broadcast.DISCLOSURE, "## 村2 2026年3月三务公开")));

        DisclosureDesk.PublishPass pass = desk.publishDue(5, 100);
        assertThat(pass.published()).isEqualTo(7);
        assertThat(pass.requested()).as("one was asked for already").isEqualTo(6);
        assertThat(desk.publishDue(5, 100).published()).as("once").isZero();

        assertThat(column("SELECT status FROM disclosure WHERE id = " + submitted)).containsExactly("SUBMITTED");
        assertThat(column("SELECT COUNT(*) FROM disclosure WHERE status = 'PUBLISHED' AND published_at IS NOT NULL")).containsExactly("7");
        List<String> expected = ready.stream().map(DisclosureDesk::pushKey).toList();
        assertThat(column("SELECT delivery_id FROM outbox WHERE event_type = 'DISCLOSURE_PUBLISHED' ORDER BY delivery_id"))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(column("SELECT CONCAT(audience, ' ', target, ' ', broadcast, ' ', text) FROM outbox WHERE delivery_id = '"
                + DisclosureDesk.pushKey(ready.get(5)) + "'")).containsExactly("VILLAGERS 359902100206 DISCLOSURE ## 村5 2026年3月三务公开");
        assertThat(column("SELECT CONCAT(chain_key, ' ', COUNT(*)) FROM audit_event WHERE type = 'DISCLOSURE_PUBLISHED' GROUP BY chain_key ORDER BY chain_key"))
                .containsExactly("359901 4", "359902 3");
        assertThat(AuditTrail.verify(db.database()).ok()).isTrue();
    }

    private long disclosure(String village, String county, String status, String summary) throws SQLException {
        Timestamp at = Timestamp.from(clock.instant().minusSeconds(86_400));
        try (Connection c = db.database().dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO disclosure (village_code, county_code, disclosure_month, version, status, "
                     + "content_hash, lines_json, uploaded_by, uploaded_at, ready_at, summary_md) VALUES (?, ?, '2026-03', 1, ?, ?, '{}', 0, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, village);
            st.setString(2, county);
            st.setString(3, status);
            st.setString(4, "0".repeat(64));
            st.setTimestamp(5, at);
            st.setTimestamp(6, summary == null ? null : at);
            st.setString(7, summary);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private List<String> column(String sql) throws SQLException {
        try (Connection c = db.database().dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
