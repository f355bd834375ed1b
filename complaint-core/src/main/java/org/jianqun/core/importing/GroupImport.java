package org.jianqun.core.importing;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.RegionMapper;

/** {@code groups.csv}: channel,group_id,village_code,name. Updates by (channel, group_id); the village must be imported. */
final class GroupImport {
    private GroupImport() {
    }

    private record Key(Channel channel, String groupId) {
    }

    static ImportOutcome run(CsvTable table, SqlSession session, Instant now, ImportScope scope, ImportProblems problems) {
        Map<Key, ChatGroup> byKey = new LinkedHashMap<>();
        Map<Key, Integer> lineOf = new HashMap<>();
        for (CsvTable.Row row : table.rows) {
            String channelText = Cells.required(row, "channel", 8, problems);
            String groupId = Cells.required(row, "group_id", 128, problems);
            String village = Cells.required(row, "village_code", 12, problems);
            String name = Cells.required(row, "name", 100, problems);
            if (channelText == null || groupId == null || village == null || name == null) {
                continue;
            }
            Optional<Channel> channel = Channel.fromWire(channelText);
            if (channel.isEmpty()) {
                problems.add(row.line(), "channel", "'" + channelText + "' is not a channel; use bridge, wecom or aibot");
                continue;
            }
            if (village.length() != RegionLevel.VILLAGE.codeLength()) {
                problems.add(row.line(), "village_code", "'" + village + "' is not a village code (12 digits)");
                continue;
            }
            if (!scope.covers(village)) {
                problems.add(row.line(), "village_code", scope.outside(village));
                continue;
            }
            Key key = new Key(channel.get(), groupId);
            ChatGroup group = new ChatGroup(null, channel.get(), groupId, village, name);
            ChatGroup earlier = byKey.get(key);
            if (earlier != null) {
                if (!earlier.equals(group)) {
                    problems.add(row.line(), "group_id", "group " + groupId + " is already on line " + lineOf.get(key) + " with other values");
                }
                continue;
            }
            byKey.put(key, group);
            lineOf.put(key, row.line());
        }
        // Rows that read well are still checked against the database, so one answer lists every problem.

        Set<String> villages = new HashSet<>();
        byKey.values().forEach(g -> villages.add(g.villageCode()));
        Map<String, Region> known = new HashMap<>();
        RegionMapper regions = session.getMapper(RegionMapper.class);
        for (var chunk : Chunks.of(villages)) {
            regions.findAll(chunk).forEach(r -> known.put(r.code(), r));
        }
        for (Map.Entry<Key, ChatGroup> e : byKey.entrySet()) {
            Region village = known.get(e.getValue().villageCode());
            if (village == null || village.level() != RegionLevel.VILLAGE) {
                problems.add(lineOf.get(e.getKey()), "village_code", "village " + e.getValue().villageCode() + " is not imported; import regions first");
            }
        }
        if (problems.any()) {
            return new ImportOutcome.Rejected(ImportKind.GROUPS, problems.list());
        }

        GroupMapper mapper = session.getMapper(GroupMapper.class);
        Map<Key, ChatGroup> existing = new HashMap<>();
        Set<String> groupIds = new HashSet<>();
        byKey.keySet().forEach(k -> groupIds.add(k.groupId()));
        for (var chunk : Chunks.of(groupIds)) {
            mapper.findByGroupIds(chunk).forEach(g -> existing.put(new Key(g.channel(), g.groupId()), g));
        }
        int inserted = 0;
        int updated = 0;
        for (Map.Entry<Key, ChatGroup> e : byKey.entrySet()) {
            ChatGroup before = existing.get(e.getKey());
            ChatGroup group = e.getValue();
            if (before == null) {
                mapper.insert(group, now);
                inserted++;
            } else if (!group.equals(new ChatGroup(null, before.channel(), before.groupId(), before.villageCode(), before.name()))) {
                mapper.update(group, now);
                updated++;
            }
        }
        return new ImportOutcome.Applied(ImportKind.GROUPS, table.rows.size(), inserted, updated, byKey.size() - inserted - updated);
    }
}
