package org.jianqun.gateway.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulator shows of each demo group: what its players said and what the platform sent
 * back through the bridge. In memory (a demo aid, not a record: the inbox and outbox are the record),
 * the newest {@link #KEEP} items per group.
 */
final class SimulatorFeed {
    static final int KEEP = 500;

    record Item(long seq, String kind, String from, String text) {
    }

    private final AtomicLong seq = new AtomicLong();
    private final Map<String, List<Item>> byGroup = new ConcurrentHashMap<>();
    private final Set<String> deliveries = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

    void said(String groupId, String from, String text) {
        add(groupId, new Item(seq.incrementAndGet(), "said", from, text));
    }

    /** A bridge delivery; a repeat of a delivery id is ignored, as a real bridge must. */
    boolean delivered(String deliveryId, String groupId, String text) {
        if (!deliveries.add(deliveryId)) {
            return false;
        }
        add(groupId, new Item(seq.incrementAndGet(), "bot", "监督群助手", text));
        return true;
    }

    List<Item> after(String groupId, long afterSeq) {
        List<Item> items = byGroup.getOrDefault(groupId, List.of());
        synchronized (items) {
            return items.stream().filter(i -> i.seq() > afterSeq).toList();
        }
    }

    private void add(String groupId, Item item) {
        List<Item> items = byGroup.computeIfAbsent(groupId, g -> new ArrayList<>());
        synchronized (items) {
            items.add(item);
            if (items.size() > KEEP) {
                items.remove(0);
            }
        }
    }
}
