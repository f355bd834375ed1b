package org.jianqun.gateway.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.inbox.InboundMessage;
import org.jianqun.gateway.inbox.Inbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat commands about a confidential ticket, from every kind of sender in every kind of group: each is
 * answered word for word as for a number that does not exist (进度 and 催办 alike), and nothing about the
 * ticket goes into a group or to a level. In a group everyone reads the answer, so this holds for the
 * discipline officers of its own office too. The flag is set in SQL, as nothing but the desk sets it.
 */
class ConfidentialChatTest {
    private static final String VILLAGERS = "g-201-1";
    private static final String TOWN_WORK = "g-town";
    private static final String TOWN_JJW = "g-town-jjw";
    private static final String SECRET = "村主任虚报危房改造补贴十二万元";
    private static final long MISSING = 987_654_321L;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private TestDatabase db;
    private Inbox inbox;
    private MessageProcessor processor;
    private int sequence;

    private record Sender(String group, String id, String name) {
    }

    private final List<Sender> senders = List.of(
            new Sender(VILLAGERS, "wx-reporter", "举报人"),
            new Sender(VILLAGERS, "wx-neighbour", "村民乙"),
            new Sender(VILLAGERS, "cadre-201", "东岭村干部"),
            new Sender(VILLAGERS, "bookkeeper-201", "东岭报账员"),
            new Sender(VILLAGERS, "resident-100", "东岭驻村干部"),
            new Sender(TOWN_WORK, "town-100", "东岭镇办事员"),
            new Sender(TOWN_WORK, "county-1", "清源县办事员"),
            new Sender(TOWN_WORK, "city-1", "示范市办事员"),
            new Sender(TOWN_JJW, "county-jjw", "清源县纪委"),
            new Sender(TOWN_JJW, "town-jjw", "东岭镇纪委"),
            new Sender(TOWN_WORK, "admin-1", "管理员"));

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        OrganisationImporter importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        assertThat(importer.importCsv(ImportKind.REGIONS, csv(REGIONS), null)).isInstanceOf(ImportOutcome.Applied.class);
        assertThat(importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose",
                "bridge," + VILLAGERS + ",359901100201,东岭村监督群,villagers",
                "bridge," + TOWN_WORK + ",359901100,东岭镇干部工作群,officers",
                "bridge," + TOWN_JJW + ",359901100,东岭镇纪委群,discipline"), null)).isInstanceOf(ImportOutcome.Applied.class);
        assertThat(importer.importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "东岭村干部,village_cadre,359901100201,bridge,cadre-201,,",
                "东岭报账员,bookkeeper,359901100201,bridge,bookkeeper-201,,",
                "东岭驻村干部,resident_cadre,359901100,bridge,resident-100,,",
                "东岭镇办事员,town_officer,359901100,bridge,town-100,,",
                "清源县办事员,county_officer,359901,bridge,county-1,,",
                "示范市办事员,city_officer,3599,bridge,city-1,,",
                "清源县纪委,discipline_officer,359901,bridge,county-jjw,,",
                "东岭镇纪委,discipline_officer,359901100,bridge,town-jjw,,",
                "管理员,admin,359901,bridge,admin-1,,"), null)).isInstanceOf(ImportOutcome.Applied.class);
        inbox = new Inbox(db.database(), clock);
        processor = new MessageProcessor(db.database(), new TicketDesk(db.database(), WorkingDayCalendar.shipped(), clock),
                new TicketQueries(db.database(), WorkingDayCalendar.shipped(), clock), new MessageFlagger(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String say(Sender who, String text) {
        String id = "m-" + (++sequence);
        assertThat(inbox.store(new InboundMessage(Channel.BRIDGE, id, who.group(), who.id(), who.name(), InboundMessage.Kind.TEXT, text,
                null, null, false, clock.instant()))).isTrue();
        processor.processWaiting(10);
        return id;
    }

    /** Audience, target, ticket and text of the outbox rows after row {@code afterId}. */
    private List<String[]> outboxAfter(long afterId) {
        List<String[]> rows = new ArrayList<>();
        try (var c = db.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT id, audience, target, ticket_no, text FROM outbox WHERE id > ? ORDER BY id")) {
            ps.setLong(1, afterId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private long lastOutboxId() {
        List<String[]> all = outboxAfter(0);
        return all.isEmpty() ? 0 : Long.parseLong(all.get(all.size() - 1)[0]);
    }

    /** The one reply a message got. */
    private String replyTo(Sender who, String text) {
        long mark = lastOutboxId();
        say(who, text);
        List<String[]> rows = outboxAfter(mark);
        assertThat(rows).as(who.name() + ": " + text).hasSize(1);
        assertThat(rows.get(0)[1]).isEqualTo("GROUP");
        return rows.get(0)[4];
    }

    private void jdbc(String sql) {
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement()) {
            assertThat(st.executeUpdate(sql)).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyCommandFromEverySenderIsAnsweredAsForAMissingTicket() {
        String reported = say(senders.get(0), "#反映 " + SECRET);
        long secret = Long.parseLong(outboxAfter(0).get(0)[3]);
        jdbc("UPDATE ticket SET confidential = TRUE WHERE no = " + secret);
        long mark = lastOutboxId();
        List<String> commands = List.of("进度 #%d", "催办 #%d", "认领 #%d", "办结 #%d 已查实", "上报 #%d 需上级处理", "定级 #%d 复杂", "评价 #%d 满意");
        for (Sender who : senders) {
            for (String command : commands) {
                String hidden = replyTo(who, String.format(command, secret));
                String missing = replyTo(who, String.format(command, MISSING));
                assertThat(hidden.replace("#" + secret, "#?")).as(who.name() + " " + command).isEqualTo(missing.replace("#" + MISSING, "#?"));
                assertThat(hidden).as(who.name() + " " + command).contains("没有找到工单").doesNotContain(SECRET);
            }
        }
        // 登记 of the message it was made from is answered as for a message that is not there.
        Sender cadre = senders.get(2);
        String again = replyTo(cadre, "登记 " + reported);
        assertThat(again.replace(reported, "?")).isEqualTo(replyTo(cadre, "登记 m-404").replace("m-404", "?"));
        assertThat(outboxAfter(mark)).as("nothing about it reached a group or a level").allSatisfy(row -> {
            assertThat(row[4]).doesNotContain(SECRET);
            assertThat(row[3]).isNotEqualTo(Long.toString(secret));
        });
    }
}
