package org.jianqun.gateway.groupsend;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jianqun.core.content.ShownWords;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.persistence.Database;
import org.jianqun.gateway.groupsend.GroupSendTask.Purpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The villagers of an external WeCom group hear about their village's tickets without a cadre
 * forwarding each reply: after each {@link DigestPeriod} a digest of what was reported, resolved and
 * closed goes to every external group of the village as a group-send task its owner confirms. A village
 * with nothing in the period gets nothing (no empty messages to spend the month's few sends on).
 * Complainants are never named; confidential tickets never appear. Idempotent: the request key is the
 * group and the period, so two instances, or a restart, enqueue each digest once. Blocking: run on a worker.
 */
public final class VillageDigests {
    private static final Logger LOG = LoggerFactory.getLogger(VillageDigests.class);
    static final int PAGE = 500;
    /** Lines listed before "…": a 70-year-old reads a short message; the rest is one 进度 away. */
    static final int MAX_LINES = 10;
    static final int CONTENT_CHARS = 24;

    private final Database database;
    private final GroupSendTasks tasks;
    private final Clock clock;
    private final AtomicReference<DigestPeriod> done = new AtomicReference<>();

    public VillageDigests(Database database, GroupSendTasks tasks, Clock clock) {
        this.database = database;
        this.tasks = tasks;
        this.clock = clock;
        database.addMapper(DigestMapper.class);
    }

    /** Enqueues the latest due period's digests, once per process; returns how many were enqueued now. */
    public int enqueueDue() {
        DigestPeriod period = DigestPeriod.latestDue(clock.instant());
        if (period.equals(done.get())) {
            return 0;
        }
        int enqueued = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<DigestMapper.ExternalGroup> groups = database.read(s -> s.getMapper(DigestMapper.class).externalGroups(from, PAGE));
            for (DigestMapper.ExternalGroup group : groups) {
                if (enqueue(group, period)) {
                    enqueued++;
                }
            }
            if (groups.size() < PAGE) {
                break;
            }
            after = groups.get(groups.size() - 1).id();
        }
        done.set(period);
        if (enqueued > 0) {
            LOG.info("village digests for {} enqueued: {}", period.label(), enqueued);
        }
        return enqueued;
    }

    private boolean enqueue(DigestMapper.ExternalGroup group, DigestPeriod period) {
        // A digest is read by the whole group: only what AccessPolicy lets be told there.
        List<DigestMapper.Line> lines = database.read(s -> s.getMapper(DigestMapper.class).activity(group.villageCode(), period.start(), period.end()))
                .stream().filter(l -> AccessPolicy.mayBeToldInGroups(l.facts())).toList();
        if (lines.isEmpty()) {
            return false;
        }
        long inHand = database.read(s -> s.getMapper(DigestMapper.class).inHand(group.villageCode()));
        String key = "digest:" + period.first() + ":" + group.id();
        GroupSendTasks.Enqueued outcome = tasks.enqueue(Purpose.DIGEST, group.chatId(), key, text(group.villageName(), period, lines, inHand));
        return outcome instanceof GroupSendTasks.Accepted accepted && !accepted.duplicate();
    }

    /** The digest as villagers read it; well under WeCom's 4,000 bytes with at most {@value #MAX_LINES} lines. */
    static String text(String villageName, DigestPeriod period, List<DigestMapper.Line> lines, long inHand) {
        long reported = lines.stream().filter(l -> within(l.registeredAt(), period)).count();
        long resolved = lines.stream().filter(l -> within(l.resolvedAt(), period)).count();
        long ended = lines.stream().filter(l -> within(l.endedAt(), period)).count();
        StringBuilder out = new StringBuilder();
        out.append("【").append(villageName).append("工单简报 ").append(period.label()).append("】\n");
        out.append("本期新反映 ").append(reported).append(" 件，办结 ").append(resolved).append(" 件，结案 ").append(ended)
                .append(" 件；目前在办 ").append(inHand).append(" 件。\n");
        for (int i = 0; i < Math.min(MAX_LINES, lines.size()); i++) {
            DigestMapper.Line l = lines.get(i);
            // Words from the mini-program wait for WeChat's content check before a group reads them (ShownWords).
            String words = ShownWords.mayShowToOthers(l.contentVerdict()) ? clip(l.content()) : ShownWords.WITHHELD;
            out.append("#").append(l.no()).append(" ").append(words).append(" —— ").append(status(l)).append("\n");
        }
        if (lines.size() > MAX_LINES) {
            out.append("（另有 ").append(lines.size() - MAX_LINES).append(" 件未列出）\n");
        }
        out.append("查询进度请在群里发「进度 #工单号」。");
        return out.toString();
    }

    private static String status(DigestMapper.Line l) {
        return switch (l.state()) {
            case OPEN, CLAIMED -> l.level().label() + l.state().label();
            default -> l.state().label();
        };
    }

    private static boolean within(Instant at, DigestPeriod period) {
        return at != null && !at.isBefore(period.start()) && at.isBefore(period.end());
    }

    private static String clip(String content) {
        String flat = content.replaceAll("\\s+", " ").strip();
        return flat.codePointCount(0, flat.length()) <= CONTENT_CHARS ? flat
                : flat.substring(0, flat.offsetByCodePoints(0, CONTENT_CHARS)) + "…";
    }
}
