package org.jianqun.gateway.wecom;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.Spelling;
import org.jianqun.core.persistence.Database;
import org.jianqun.gateway.bridge.BridgeMessageReader;
import org.jianqun.gateway.inbox.InboundMessage;
import org.jianqun.gateway.inbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads new messages from the WeCom message archive into the inbox. A batch is stored first and the
 * cursor moved after: a crash between them re-reads the batch (the inbox's unique key makes that
 * harmless) and never skips one. Only group messages that were sent (not recalled) and that the
 * platform can read (text, voice, image) become {@link InboundMessage}s (channel WECOM, message id =
 * msgid, group = roomid); the rest is passed over, and the cursor moves past it all the same.
 *
 * <p>WeCom says "there is something new" with {@code msgaudit_notify}; many notifies may arrive while
 * a pull runs, so there is one pull at a time per process and one more pass after it if anything
 * asked meanwhile. A pull that fails leaves the cursor where it was; the next notify resumes there.
 */
public final class ArchivePuller {
    /** Messages per archive request and per transaction. */
    public static final int BATCH = 100;
    /** Batches per pass before giving the worker back; a longer backlog continues in the next pass. */
    static final int MAX_BATCHES_PER_PASS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(ArchivePuller.class);
    private static final int MAX_ID = BridgeMessageReader.MAX_ID;

    private final Database database;
    private final Inbox inbox;
    private final MessageArchive archive;
    private final String corpId;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public ArchivePuller(Database database, Inbox inbox, MessageArchive archive, String corpId, Clock clock) {
        this.database = database;
        this.inbox = inbox;
        this.archive = archive;
        this.corpId = corpId;
        this.clock = clock;
        database.addMapper(ArchiveMapper.class);
    }

    /** What one pass did: new messages stored, and whether the archive may hold more. */
    public record Pass(int stored, boolean more) {
    }

    /** Blocking. Pulls until the archive has nothing newer (or the pass's share is done). */
    public Pass pullNow() throws MessageArchive.Unavailable {
        int stored = 0;
        for (int i = 0; i < MAX_BATCHES_PER_PASS; i++) {
            Long last = database.read(s -> s.getMapper(ArchiveMapper.class).lastSeq(corpId));
            List<MessageArchive.Archived> batch = archive.pull(last == null ? 0 : last, BATCH);
            if (batch.isEmpty()) {
                return new Pass(stored, false);
            }
            stored += store(batch);
            if (batch.size() < BATCH) {
                return new Pass(stored, false);
            }
        }
        return new Pass(stored, true);
    }

    /**
     * Starts a pull on the worker pool, or, if one is running, asks it for one more pass.
     *
     * @param onStored told (on the caller's context) when a pass stored anything new
     */
    public void trigger(BlockingWork blocking, Runnable onStored) {
        again.set(true); // before the check: a pull that finishes meanwhile sees it and goes round again
        if (running.compareAndSet(false, true)) {
            pass(blocking, onStored);
        }
    }

    private void pass(BlockingWork blocking, Runnable onStored) {
        again.set(false);
        blocking.run(this::pullNow).onComplete(done -> {
            if (done.succeeded()) {
                if (done.result().stored() > 0) {
                    onStored.run();
                }
                if (done.result().more()) {
                    again.set(true);
                }
            } else {
                LOG.warn("pulling the WeCom message archive failed; the next notify resumes from the same place: {}",
                        done.cause().getMessage());
            }
            running.set(false);
            if (again.get() && running.compareAndSet(false, true)) {
                pass(blocking, onStored);
            }
        });
    }

    /** True while a pull runs (tests wait on it). */
    public boolean busy() {
        return running.get();
    }

    private int store(List<MessageArchive.Archived> batch) {
        Instant now = clock.instant();
        int fresh = 0;
        long max = 0;
        for (MessageArchive.Archived a : batch) {
            max = Math.max(max, a.seq());
            InboundMessage message = inbound(a, now);
            if (message != null && inbox.store(message)) {
                fresh++;
            }
        }
        long last = max;
        database.inTransaction(s -> {
            ArchiveMapper cursor = s.getMapper(ArchiveMapper.class);
            cursor.ensure(corpId, now);
            cursor.advance(corpId, last, now);
            return null;
        });
        return fresh;
    }

    /** The archived message as the inbox takes it, or null when it is not a group message the platform reads. */
    static InboundMessage inbound(MessageArchive.Archived a, Instant now) {
        if (a.action() != null && !a.action().equals("send")) {
            return null;
        }
        if (!usableId(a.msgId()) || !usableId(a.roomId()) || !usableId(a.from()) || a.msgType() == null) {
            return null;
        }
        Instant sentAt = a.sentAt() == null ? now : a.sentAt();
        switch (a.msgType()) {
            case "text" -> {
                return new InboundMessage(Channel.WECOM, a.msgId(), a.roomId(), a.from(), null, InboundMessage.Kind.TEXT,
                        clip(a.text()), null, null, false, sentAt);
            }
            case "voice" -> {
                // The audio stays in the archive (fetched with the SDK by its msgid); no transcript comes with it.
                int seconds = a.voiceSeconds() == null ? 0 : Math.max(0, Math.min(3600, a.voiceSeconds()));
                return new InboundMessage(Channel.WECOM, a.msgId(), a.roomId(), a.from(), null, InboundMessage.Kind.VOICE, null,
                        new InboundMessage.Voice("wecom-archive:" + a.msgId(), seconds, null), null, false, sentAt);
            }
            case "image" -> {
                return new InboundMessage(Channel.WECOM, a.msgId(), a.roomId(), a.from(), null, InboundMessage.Kind.IMAGE, null,
                        null, null, false, sentAt);
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean usableId(String id) {
        return id != null && !Spelling.id(id).isEmpty() && id.length() <= MAX_ID;
    }

    /** A villager's text is what it is; past the bridge's limit it is cut rather than lost. */
    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        int max = BridgeMessageReader.MAX_TEXT;
        return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
