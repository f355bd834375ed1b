package org.jianqun.gateway.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.outbox.GroupAddress;
import org.jianqun.core.persistence.Database;

/**
 * What the simulator shows of each demo group: what its players said and what the platform sent back through
 * the bridge, the newest {@link #KEEP} items. The inbox and outbox rows are the record: the first time a group is
 * shown after a start its conversation is rebuilt from them, so the chat survives a restart as the tickets do.
 * Each item is kept once by its message or delivery id, whether it came live or from the rows.
 */
final class SimulatorFeed {
    static final int KEEP = 500;

    /** One chat line; {@code senderId} is empty for the platform's own (bot) lines. */
    record Item(long seq, String kind, String senderId, String from, String text, String voiceUrl, Integer voiceSeconds) {
    }

    private record Pending(String key, Instant at, String kind, String senderId, String from, String text, String voiceUrl, Integer voiceSeconds) {
    }

    private static final class Group {
        final List<Item> items = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        boolean rebuilt;
    }

    private final Database database;
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, Group> byGroup = new ConcurrentHashMap<>();

    SimulatorFeed(Database database) {
        this.database = database;
        database.addMapper(SimulatorHistoryMapper.class);
    }

    void said(String groupId, String messageId, String senderId, String from, String text, String voiceUrl, Integer voiceSeconds) {
        add(groupId, "m:" + messageId, "said", senderId, from, text, voiceUrl, voiceSeconds);
    }

    /** A bridge delivery; a repeat of a delivery id is ignored, as a real bridge must. */
    boolean delivered(String deliveryId, String groupId, String text) {
        return add(groupId, "d:" + deliveryId, "bot", "", "监督群助手", text, null, null);
    }

    /** The items after {@code afterSeq}; blocking the first time a group is asked for (it reads the rows). */
    List<Item> after(String groupId, long afterSeq) {
        Group group = group(groupId);
        synchronized (group) {
            if (!group.rebuilt) {
                rebuild(groupId, group);
            }
            return group.items.stream().filter(i -> i.seq() > afterSeq).toList();
        }
    }

    private Group group(String groupId) {
        return byGroup.computeIfAbsent(groupId, g -> new Group());
    }

    private boolean add(String groupId, String key, String kind, String senderId, String from, String text, String voiceUrl, Integer voiceSeconds) {
        Group group = group(groupId);
        synchronized (group) {
            if (!group.keys.add(key)) {
                return false;
            }
            append(group, new Item(seq.incrementAndGet(), kind, senderId, from, text, voiceUrl, voiceSeconds));
            return true;
        }
    }

    /**
     * Rows first, oldest first, then what arrived live before anyone looked (nobody has seen this group's seqs yet,
     * so they are numbered afresh in that order).
     */
    private void rebuild(String groupId, Group group) {
        List<Pending> rows = new ArrayList<>();
        database.read(s -> {
            SimulatorHistoryMapper mapper = s.getMapper(SimulatorHistoryMapper.class);
            mapper.said(groupId, KEEP).forEach(m -> rows.add(new Pending("m:" + m.messageId(), m.at(), "said", m.senderId(),
                    m.senderName() == null ? m.senderId() : m.senderName(), m.text() == null ? "" : m.text(), m.voiceUrl(), m.voiceSeconds())));
            mapper.delivered(new GroupAddress(Channel.BRIDGE, groupId).wire(), KEEP).forEach(d -> rows.add(new Pending("d:" + d.deliveryId(),
                    d.at(), "bot", "", "监督群助手", d.text(), null, null)));
            return null;
        });
        rows.sort(Comparator.comparing(Pending::at));
        List<Item> live = new ArrayList<>(group.items);
        group.items.clear();
        for (Pending p : rows) {
            // A row that also came live is kept once, as it came live.
            if (group.keys.add(p.key())) {
                append(group, new Item(seq.incrementAndGet(), p.kind(), p.senderId(), p.from(), p.text(), p.voiceUrl(), p.voiceSeconds()));
            }
        }
        for (Item item : live) {
            append(group, new Item(seq.incrementAndGet(), item.kind(), item.senderId(), item.from(), item.text(), item.voiceUrl(), item.voiceSeconds()));
        }
        group.rebuilt = true;
    }

    private static void append(Group group, Item item) {
        group.items.add(item);
        if (group.items.size() > KEEP) {
            group.items.remove(0);
        }
    }
}
