package org.jianqun.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.operations.ChatSideReports;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The administrators' views over the gateway's own tables, read and requeued within scope. */
class GatewayReportsTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static TestDatabase db;
    private static GatewayReports reports;

    @BeforeAll
    static void start() throws SQLException {
        db = TestDatabase.fresh();
        new OrganisationImporter(db.database(), new PasswordHasher(10_000), CLOCK).importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement()) {
            for (int i = 1; i <= 3; i++) {
                st.executeUpdate("INSERT INTO inbox_message (channel, message_id, group_id, sender_id, kind, text, sent_at, received_at, status) "
                        + "VALUES ('BRIDGE', 'u-" + i + "', 'g-nobody-bound', 'wx-1', 'TEXT', '你好', '2026-03-02 01:00:00.000', "
                        + "'2026-03-02 01:0" + i + ":00.000', 'UNKNOWN_GROUP')");
            }
            st.executeUpdate("INSERT INTO inbox_message (channel, message_id, group_id, sender_id, kind, text, sent_at, received_at, status, outcome) "
                    + "VALUES ('WECOM', 'f-1', 'wrDongling', 'wm-1', 'TEXT', '#反映 水渠堵了', '2026-03-02 01:00:00.000', "
                    + "'2026-03-02 01:05:00.000', 'FAILED', '处理失败：IllegalStateException')");
            st.executeUpdate("INSERT INTO chat_group (channel, group_id, village_code, name, purpose, created_at, updated_at) "
                    + "VALUES ('WECOM', 'wrNew', NULL, '企业微信客户群 wrNew', 'VILLAGERS', '2026-03-02 01:00:00.000', '2026-03-02 01:00:00.000')");
            st.executeUpdate("INSERT INTO chat_group (channel, group_id, village_code, name, purpose, created_at, updated_at) "
                    + "VALUES ('WECOM', 'wrDongling', '359901100201', '东岭村村民群', 'VILLAGERS', '2026-03-02 01:00:00.000', '2026-03-02 01:00:00.000')");
            st.executeUpdate("INSERT INTO wecom_group_send (request_key, purpose, chat_id, send_month, text, status, reminders_sent, queued_at, "
                    + "finished_at, last_error) VALUES ('digest:1', 'DIGEST', 'wrDongling', '2026-03', '简报', 'EXPIRED', 3, "
                    + "'2026-03-01 01:00:00.000', '2026-03-04 01:00:00.000', 'not sent by the owner within 3 days')");
            st.executeUpdate("INSERT INTO wecom_group_send (request_key, purpose, chat_id, send_month, text, status, reminders_sent, queued_at, "
                    + "sent_at) VALUES ('disclosure:1', 'DISCLOSURE', 'wrDongling', '2026-03', '公开', 'SENT', 0, "
                    + "'2026-03-01 01:00:00.000', '2026-03-01 02:00:00.000')");
        }
        reports = new GatewayReports(db.database());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aMessageThatFailedInProcessingIsListedWithinScopeAndPutBackInTheQueueOnce() throws SQLException {
        List<ChatSideReports.FailedMessage> failed = reports.failedMessages("359901", null, 10);
        assertThat(failed).hasSize(1);
        ChatSideReports.FailedMessage m = failed.get(0);
        assertThat(m.channel()).isEqualTo("wecom");
        assertThat(m.groupName()).isEqualTo("东岭村村民群");
        assertThat(m.villageCode()).isEqualTo("359901100201");
        assertThat(m.outcome()).isEqualTo("处理失败：IllegalStateException");
        assertThat(m.receivedAt()).isEqualTo(Instant.parse("2026-03-02T01:05:00Z"));
        assertThat(reports.failedMessages("359902", null, 10)).as("another county's").isEmpty();
        assertThat(reports.failedMessages(null, m.id(), 10)).as("paged past it").isEmpty();

        assertThat(reports.requeueFailedMessage(m.id(), "359902", "administrator #9")).as("out of scope").isFalse();
        assertThat(reports.requeueFailedMessage(m.id(), "359901", "administrator #1")).isTrue();
        assertThat(reports.requeueFailedMessage(m.id(), "359901", "administrator #1")).as("only a failed one").isFalse();
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT status, outcome FROM inbox_message WHERE message_id = 'f-1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("RECEIVED");
            assertThat(rs.getString(2)).isEqualTo("retried by administrator #1; before: 处理失败：IllegalStateException");
        }
    }

    @Test
    void groupSendsAreListedByStatusWithTheUndeliveredByDefault() {
        List<ChatSideReports.GroupSend> undelivered = reports.groupSends(YearMonth.of(2026, 3), Optional.empty(), "359901", 10);
        assertThat(undelivered).singleElement().satisfies(g -> {
            assertThat(g.status()).isEqualTo("expired");
            assertThat(g.purpose()).isEqualTo("digest");
            assertThat(g.groupName()).isEqualTo("东岭村村民群");
            assertThat(g.remindersSent()).isEqualTo(3);
        });
        assertThat(reports.groupSends(YearMonth.of(2026, 3), Optional.of("sent"), null, 10)).singleElement()
                .satisfies(g -> assertThat(g.purpose()).isEqualTo("disclosure"));
        assertThat(reports.groupSends(YearMonth.of(2026, 3), Optional.empty(), "359902", 10)).as("another county's").isEmpty();
        assertThat(reports.groupSends(YearMonth.of(2026, 4), Optional.of("sent"), null, 10)).as("another month").isEmpty();
        assertThat(reports.groupSendStatuses()).containsExactly("created", "expired", "failed", "queued", "refused", "sent");
        assertThatThrownBy(() -> reports.groupSends(YearMonth.of(2026, 3), Optional.of("lost"), null, 10)).hasMessageContaining("lost");
    }

    @Test
    void groupsWaitingForABindingAreListedWithTheirKeptMessages() {
        List<ChatSideReports.UnboundGroup> groups = reports.unboundGroups(10);
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).groupId()).isEqualTo("g-nobody-bound");
        assertThat(groups.get(0).channel()).isEqualTo("bridge");
        assertThat(groups.get(0).keptMessages()).isEqualTo(3L);
        assertThat(groups.get(0).lastMessageAt()).isEqualTo(Instant.parse("2026-03-02T01:03:00Z"));
        assertThat(groups.get(1).groupId()).isEqualTo("wrNew");
        assertThat(groups.get(1).channel()).isEqualTo("wecom");
        assertThat(groups.get(1).keptMessages()).isZero();
    }
}
