package org.jianqun.gateway.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.inbox.InboxMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a pull takes from the archive, where it resumes, and what it passes over. */
class ArchivePullerTest {
    private static final String CORP = "wwpullertest";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final FakeArchive archive = new FakeArchive();
    private TestDatabase db;
    private ArchivePuller puller;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        puller = new ArchivePuller(db.database(), new Inbox(db.database(), clock), archive, CORP, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static MessageArchive.Archived text(long seq, String room, String text) {
        return new MessageArchive.Archived(seq, "m-" + seq, "send", room, "wmSender", "text", text, null, Instant.parse("2026-03-02T00:00:00Z"));
    }

    private int stored(String msgId) {
        return db.database().read(s -> s.getMapper(InboxMapper.class).count("WECOM", msgId));
    }

    private long cursor() {
        return db.database().<Long>read(s -> s.getMapper(ArchiveMapper.class).lastSeq(CORP));
    }

    @Test
    void aBacklogIsReadInBatchesAndTheCursorFollows() throws Exception {
        for (int seq = 1; seq <= 250; seq++) {
            archive.add(text(seq, "room-1", "消息 " + seq));
        }
        assertThat(puller.pullNow()).isEqualTo(new ArchivePuller.Pass(250, false));
        assertThat(archive.askedAfter()).containsExactly(0L, 100L, 200L);
        assertThat(cursor()).isEqualTo(250L);
        assertThat(stored("m-1") + stored("m-250")).isEqualTo(2);
        assertThat(puller.pullNow()).isEqualTo(new ArchivePuller.Pass(0, false));
        assertThat(archive.askedAfter()).last().isEqualTo(250L);
    }

    @Test
    void whatIsNotAGroupMessageThePlatformReadsIsPassedOver() throws Exception {
        archive.add(new MessageArchive.Archived(1, "m-1", "recall", "room-1", "wmSender", "revoke", null, null, null));
        archive.add(text(2, "", "a one-to-one chat"));
        archive.add(new MessageArchive.Archived(3, "m-3", "send", "room-1", "wmSender", "file", null, null, null));
        archive.add(new MessageArchive.Archived(4, "m-4", "undecryptable", null, null, null, null, null, null));
        archive.add(text(5, "r".repeat(129), "a room id longer than the inbox takes"));
        archive.add(text(6, "room-1", "好".repeat(6000)));
        assertThat(puller.pullNow().stored()).isEqualTo(1);
        assertThat(cursor()).as("the cursor passes what was skipped").isEqualTo(6L);
        assertThat(stored("m-1") + stored("m-2") + stored("m-3") + stored("m-4") + stored("m-5")).isZero();
        String kept = db.database().read(s -> s.getMapper(InboxMapper.class).find("WECOM", "m-6")).text();
        assertThat(kept.codePointCount(0, kept.length())).isEqualTo(5000);
        assertThat(kept).endsWith("…");
    }

    @Test
    void aFailedPullMovesNothingAndTheNextResumes() throws Exception {
        archive.add(text(1, "room-1", "一"));
        puller.pullNow();
        archive.add(text(2, "room-1", "二"));
        archive.down(true);
        assertThatThrownBy(puller::pullNow).isInstanceOf(MessageArchive.Unavailable.class);
        assertThat(cursor()).isEqualTo(1L);
        archive.down(false);
        assertThat(puller.pullNow().stored()).isEqualTo(1);
        assertThat(stored("m-2")).isEqualTo(1);
        assertThat(cursor()).isEqualTo(2L);
    }
}
