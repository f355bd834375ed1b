package org.jianqun.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.patrol.FlaggedMessages;
import org.jianqun.core.patrol.PatrolItem;
import org.jianqun.core.patrol.PatrolKind;
import org.jianqun.core.patrol.PatrolQueue;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Patrol's port over the inbox: flagged messages of a scope and a time range, with their words, into the patrol queue. */
class GatewayFlaggedMessagesTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T04:00:00Z"));
    private static TestDatabase db;
    private static GatewayFlaggedMessages port;

    @BeforeAll
    static void start() throws SQLException {
        db = TestDatabase.fresh();
        new OrganisationImporter(db.database(), new PasswordHasher(10_000), CLOCK).importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO chat_group (channel, group_id, village_code, name, purpose, created_at, updated_at) "
                    + "VALUES ('BRIDGE', 'g-dl', '359901100201', '东岭村村务监督群', 'VILLAGERS', '2026-03-01 01:00:00.000', '2026-03-01 01:00:00.000')");
            insert(st, "m-1", "TEXT", "'低保都给了村干部亲戚，优亲厚友'", "NULL", true, "'优亲厚友'", "'359901100201'", "2026-03-02 01:00:00.000");
            insert(st, "m-2", "VOICE", "NULL", "'村主任虚报冒领补贴'", true, "'虚报,冒领'", "'359901100201'", "2026-03-02 02:00:00.000");
            insert(st, "m-3", "TEXT", "'今天天气好'", "NULL", false, "NULL", "'359901100201'", "2026-03-02 02:30:00.000");
            insert(st, "m-4", "TEXT", "'上洋村虚报'", "NULL", true, "'虚报'", "'359901100202'", "2026-02-20 02:00:00.000");
            insert(st, "m-5", "TEXT", "'外县虚报'", "NULL", true, "'虚报'", "'359902100201'", "2026-03-02 02:00:00.000");
        }
        port = new GatewayFlaggedMessages(db.database());
    }

    private static void insert(java.sql.Statement st, String id, String kind, String text, String transcript, boolean flagged, String words,
                               String village, String at) throws SQLException {
        st.executeUpdate("INSERT INTO inbox_message (channel, message_id, group_id, sender_id, kind, text, transcript, sent_at, received_at, status, "
                + "village_code, flagged, flag_words) VALUES ('BRIDGE', '" + id + "', 'g-dl', 'wx-1', '" + kind + "', " + text + ", " + transcript
                + ", '" + at + "', '" + at + "', 'PROCESSED', " + village + ", " + flagged + ", " + words + ")");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void flaggedMessagesOfTheScopeAndTimeComeNewestFirstWithTheirWords() {
        List<FlaggedMessages.FlaggedMessage> day = port.flagged("359901", Instant.parse("2026-03-01T16:00:00Z"), Instant.parse("2026-03-02T16:00:00Z"), 10);
        assertThat(day).extracting(FlaggedMessages.FlaggedMessage::text).containsExactly("村主任虚报冒领补贴", "低保都给了村干部亲戚，优亲厚友");
        assertThat(day.get(0).words()).containsExactly("虚报", "冒领");
        assertThat(day.get(0).groupName()).isEqualTo("东岭村村务监督群");
        assertThat(day.get(1).receivedAt()).isEqualTo(Instant.parse("2026-03-02T01:00:00Z"));
        assertThat(port.flagged("359901100202", Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"), 10))
                .extracting(FlaggedMessages.FlaggedMessage::text).containsExactly("上洋村虚报");
        assertThat(port.flagged("359901", Instant.parse("2026-03-01T16:00:00Z"), Instant.parse("2026-03-02T16:00:00Z"), 1)).hasSize(1);
        assertThat(port.find(day.get(1).id())).get().extracting(FlaggedMessages.FlaggedMessage::words).isEqualTo(List.of("优亲厚友"));
    }

    @Test
    void theQueueOfADisciplineOfficerHoldsThemThroughThePort() {
        PatrolQueue queue = new PatrolQueue(PatrolQueue.standardSources(db.database(), port), CLOCK);
        Actor townJjw = new Actor(7, "东岭镇纪委", Role.DISCIPLINE_OFFICER, "359901100");
        List<PatrolItem> items = queue.of(townJjw, "359901100", LocalDate.parse("2026-03-02"), 50).items();
        assertThat(items).allSatisfy(i -> assertThat(i.key().kind()).isEqualTo(PatrolKind.FLAGGED_MESSAGE));
        assertThat(items).extracting(PatrolItem::summary).containsExactly("村主任虚报冒领补贴", "低保都给了村干部亲戚，优亲厚友", "上洋村虚报");
        assertThat(items.get(1).words()).containsExactly("优亲厚友");
        assertThat(items.get(2).at()).as("unreviewed from an earlier day").isEqualTo(Instant.parse("2026-02-20T02:00:00Z"));
        assertThat(queue.of(townJjw, "359901100", LocalDate.parse("2026-02-19"), 50).items()).isEmpty();
    }
}
