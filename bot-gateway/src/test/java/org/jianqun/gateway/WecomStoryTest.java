package org.jianqun.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestServer;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.inbox.InboxMapper;
import org.jianqun.gateway.outbound.OutboxDispatcher;
import org.jianqun.gateway.outbound.Pacer;
import org.jianqun.gateway.processing.MessageProcessor;
import org.jianqun.gateway.wecom.ArchivePuller;
import org.jianqun.gateway.wecom.FakeArchive;
import org.jianqun.gateway.wecom.MessageArchive;
import org.jianqun.gateway.wecom.WecomCallbackRoutes;
import org.jianqun.gateway.wecom.WecomCrypt;
import org.jianqun.gateway.wecom.WecomGroups;
import org.jianqun.gateway.wecom.WecomSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A villager group on WeCom, end to end over the app callback: WeCom announces the new group, which
 * waits unassigned; its first message is kept but not acted on; an admin binds the group to its
 * village; a villager's {@code #反映} comes through the message archive and becomes a ticket whose
 * reply is queued for {@code wecom:<chatid>}.
 */
class WecomStoryTest {
    /** Redis for the outbound pacer (flushed; the test's own database index). */
    private static final org.jianqun.core.redis.RedisStore PACING = org.jianqun.core.testing.TestRedis.fresh();
    private static final String CORP = "wwjianquntest0001";
    private static final String TOKEN = "storyToken";
    private static final String AES_KEY = "c3RvcnkgdGVzdCBrZXkgb25seSwgbm90IGEgc2VjcmV";
    private static final String CHAT = "wrOgQhDgAAvillage201";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final WecomSender wecom = new WecomSender(TOKEN, AES_KEY, CORP, clock);
    private final FakeArchive archive = new FakeArchive();
    private TestDatabase db;
    private OrganisationImporter importer;
    private ArchivePuller puller;
    private TestServer server;
    private MessageProcessor processor;
    private OutboxDispatcher dispatcher;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        importer.importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        puller = new ArchivePuller(db.database(), new Inbox(db.database(), clock), archive, CORP, clock);
        server = TestServer.start(List.of(new WecomCallbackRoutes(new WecomCrypt(TOKEN, AES_KEY, CORP, clock),
                new WecomGroups(db.database(), clock), Optional.of(puller), vertx -> { })));
        processor = new MessageProcessor(db.database(), new TicketDesk(db.database(), WorkingDayCalendar.shipped(), clock),
                new MessageFlagger(), clock);
        dispatcher = new OutboxDispatcher(db.database(), Optional.empty(), Optional.empty(), new Pacer(PACING, clock), clock);
    }

    @AfterEach
    void close() {
        server.close();
        db.close();
    }

    private void callback(String plaintext) {
        WecomSender.Sealed sealed = wecom.seal(plaintext);
        TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri(WecomCallbackRoutes.PATH + sealed.query()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(wecom.xmlBody(sealed))).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("success");
    }

    /** A villager says something in the group; WeCom archives it and notifies; the platform pulls and processes. */
    private InboxMapper.Stored villagerSays(long seq, String text) {
        String msgId = "story-msg-" + seq;
        archive.add(new MessageArchive.Archived(seq, msgId, "send", CHAT, "wmVillagerA", "text", text, null, clock.instant()));
        callback(WecomSender.msgauditNotify(CORP, clock.instant().getEpochSecond()));
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (db.database().<Integer>read(s -> s.getMapper(InboxMapper.class).count("WECOM", msgId)) == 0 || puller.busy()) {
            assertThat(System.nanoTime()).as("pulled within 15 s").isLessThan(until);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        processor.processWaiting(50);
        dispatcher.dispatchDue(50);
        return db.database().read(s -> s.getMapper(InboxMapper.class).find("WECOM", msgId));
    }

    private List<String[]> outbox() {
        List<String[]> rows = new ArrayList<>();
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT audience, target, text, status, last_error FROM outbox ORDER BY id")) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Test
    void aVillagersReportFromAnArchivedGroupBecomesATicket() {
        callback(WecomSender.changeExternalChat(CORP, CHAT, "create", clock.instant().getEpochSecond()));
        assertThat(db.database().read(s -> s.getMapper(GroupMapper.class).find(Channel.WECOM, CHAT)).villageCode()).isNull();

        InboxMapper.Stored early = villagerSays(1, "#反映 这个群是做什么的");
        assertThat(early.status()).as("kept for the admin to bind the group").isEqualTo("UNKNOWN_GROUP");
        assertThat(early.ticketNo()).isNull();

        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name", "wecom," + CHAT + ",359901100201,东岭村村民监督群"), null);

        InboxMapper.Stored report = villagerSays(2, "#反映 村口路灯坏了三个月，晚上很黑");
        assertThat(report.status()).isEqualTo("PROCESSED");
        assertThat(report.ticketNo()).isNotNull();
        TicketRow ticket = db.database().read(s -> s.getMapper(TicketMapper.class).find(report.ticketNo()));
        assertThat(ticket.state()).isEqualTo(TicketState.OPEN);
        assertThat(ticket.villageCode()).isEqualTo("359901100201");
        assertThat(ticket.channel()).isEqualTo("wecom");
        assertThat(ticket.originGroupId()).isEqualTo(CHAT);
        assertThat(ticket.content()).contains("村口路灯坏了三个月");

        List<String[]> replies = outbox().stream().filter(r -> r[0].equals("GROUP")).toList();
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r[1]).isEqualTo("wecom:" + CHAT);
            assertThat(r[2]).contains("已登记工单 #" + report.ticketNo());
            // External groups are reached by owner-confirmed group-send tasks, which are not built yet: held, with the reason.
            assertThat(r[3]).isEqualTo("HELD");
            assertThat(r[4]).contains("group-send");
        });
    }
}
