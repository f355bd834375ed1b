package org.jianqun.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jianqun.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's chat is rebuilt from the durable rows after a start, each line once, and its voice files stay in their folder. */
class SimulatorFeedTest {
    private static final Instant T = Instant.parse("2026-03-02T01:00:00Z");
    private TestDatabase db;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.fresh();
        try (Connection c = db.database().dataSource().getConnection()) {
            c.setAutoCommit(true);
            said(c, "sim-1", "villager-1", "村民甲", "#反映 村口路灯坏了", T);
            said(c, "sim-other-group", "villager-1", "村民甲", "别的群", T);
            delivered(c, "d-1", "bridge:g-1", "已登记工单 #1", "SENT", T.plusSeconds(1));
            delivered(c, "d-held", "bridge:g-1", "没有送到", "HELD", T.plusSeconds(2));
            delivered(c, "d-2", "bridge:g-1", "工单 #1 已认领", "SENT", T.plusSeconds(4));
            said(c, "sim-2", "cadre-1", "村干部", "认领 #1", T.plusSeconds(3));
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static void said(Connection c, String id, String sender, String name, String text, Instant at) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO inbox_message (channel, message_id, group_id, sender_id, sender_name, kind, text, "
                + "sent_at, received_at, status) VALUES ('BRIDGE', ?, ?, ?, ?, 'TEXT', ?, ?, ?, 'PROCESSED')")) {
            s.setString(1, id);
            s.setString(2, id.equals("sim-other-group") ? "g-2" : "g-1");
            s.setString(3, sender);
            s.setString(4, name);
            s.setString(5, text);
            s.setTimestamp(6, Timestamp.from(at));
            s.setTimestamp(7, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    private static void delivered(Connection c, String id, String target, String text, String status, Instant at) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (delivery_id, created_at, event_type, audience, target, channel, text, "
                + "status, next_attempt_at) VALUES (?, ?, 'REPLY', 'GROUP', ?, 'BRIDGE', ?, ?, ?)")) {
            s.setString(1, id);
            s.setTimestamp(2, Timestamp.from(at));
            s.setString(3, target);
            s.setString(4, text);
            s.setString(5, status);
            s.setTimestamp(6, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    @Test
    void aStartRebuildsTheConversationFromTheRowsInOrderAndOnce() {
        SimulatorFeed feed = new SimulatorFeed(db.database());
        // A delivery repeated by the dispatcher, live, before anyone looked: still one line.
        assertThat(feed.delivered("d-2", "g-1", "工单 #1 已认领")).as("live, before anyone looked").isTrue();
        List<SimulatorFeed.Item> items = feed.after("g-1", 0);
        assertThat(items).extracting(SimulatorFeed.Item::text)
                .containsExactly("#反映 村口路灯坏了", "已登记工单 #1", "认领 #1", "工单 #1 已认领");
        assertThat(items).extracting(SimulatorFeed.Item::kind).containsExactly("said", "bot", "said", "bot");
        assertThat(items.get(0).senderId()).isEqualTo("villager-1");
        assertThat(items).extracting(SimulatorFeed.Item::seq).isSorted().doesNotHaveDuplicates();

        long last = items.get(items.size() - 1).seq();
        assertThat(feed.delivered("d-2", "g-1", "工单 #1 已认领")).as("a repeat delivery").isFalse();
        assertThat(feed.delivered("d-3", "g-1", "工单 #1 已办结")).isTrue();
        feed.said("g-1", "sim-2", "cadre-1", "村干部", "认领 #1", null, null);
        assertThat(feed.after("g-1", last)).extracting(SimulatorFeed.Item::text).containsExactly("工单 #1 已办结");
    }
}
