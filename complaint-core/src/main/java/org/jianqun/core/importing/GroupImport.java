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
import org.jianqun.core.organisation.DivisionCode;
import org.jianqun.core.organisation.GroupPurpose;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.organisation.Spelling;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.RegionMapper;

/**
 * {@code groups.csv}: channel,group_id,village_code,name[,purpose][,robot_key]. Updates by (channel,
 * group_id); the region must be imported. village_code names the region the group serves: a village for
 * a supervision group, or the town, county or city (or village) whose officers or discipline officers it gathers.
 */
final class GroupImport {
    private GroupImport() {
    }

    private record Key(Channel channel, String groupId) {
    }

    record Misfit(String column, String message) {
    }

    static ImportOutcome run(CsvTable table, SqlSession session, Instant now, ImportScope scope, ImportProblems problems) {
        Map<Key, ChatGroup> byKey = new LinkedHashMap<>();
        Map<Key, Integer> lineOf = new HashMap<>();
        for (CsvTable.Row row : table.rows) {
            String channelText = Cells.required(row, "channel", 8, problems);
            String groupId = Spelling.id(Cells.required(row, "group_id", 128, problems));
            String region = Cells.required(row, "village_code", 12, problems);
            String name = Cells.required(row, "name", 100, problems);
            String purposeText = Cells.optional(row, "purpose", 12, problems);
            String robotKey = Cells.optional(row, "robot_key", 128, problems);
            if (channelText == null || groupId == null || region == null || name == null || purposeText == null || robotKey == null) {
                continue;
            }
            if (groupId.isEmpty()) {
                problems.add(row.line(), "group_id", "is required");
                continue;
            }
            Optional<Channel> channel = Channel.fromWire(channelText);
            if (channel.isEmpty()) {
                problems.add(row.line(), "channel", "'" + channelText + "' is not a channel; use bridge, wecom or aibot");
                continue;
            }
            DivisionCode.Reading reading = DivisionCode.read(region);
            if (reading instanceof DivisionCode.Refused refused) {
                problems.add(row.line(), "village_code", refused.reason() + "（村的群写村代码；干部群、纪检群可写所在镇、县或市的代码）");
                continue;
            }
            region = ((DivisionCode.Read) reading).code();
            Optional<RegionLevel> level = Optional.of(((DivisionCode.Read) reading).level());
            Optional<GroupPurpose> purpose = purposeText.isEmpty() ? Optional.of(GroupPurpose.byDefaultFor(level.get()))
                    : GroupPurpose.fromWire(purposeText);
            if (purpose.isEmpty()) {
                problems.add(row.line(), "purpose", "'" + purposeText + "' is not a purpose; use villagers, officers or discipline");
                continue;
            }
            Optional<Misfit> misfit = misfit(purpose.get(), level.get(), channel.get(), robotKey);
            if (misfit.isPresent()) {
                problems.add(row.line(), misfit.get().column(), misfit.get().message());
                continue;
            }
            if (!scope.covers(region)) {
                problems.add(row.line(), "village_code", scope.outside(region));
                continue;
            }
            Key key = new Key(channel.get(), groupId);
            ChatGroup group = new ChatGroup(null, channel.get(), groupId, region, name, purpose.get(), robotKey.isEmpty() ? null : robotKey);
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

        Set<String> codes = new HashSet<>();
        byKey.values().forEach(g -> codes.add(g.regionCode()));
        Map<String, Region> known = new HashMap<>();
        RegionMapper regions = session.getMapper(RegionMapper.class);
        for (var chunk : Chunks.of(codes)) {
            regions.findAll(chunk).forEach(r -> known.put(r.code(), r));
        }
        for (Map.Entry<Key, ChatGroup> e : byKey.entrySet()) {
            Region region = known.get(e.getValue().regionCode());
            if (region == null) {
                problems.add(lineOf.get(e.getKey()), "village_code", "region " + e.getValue().regionCode() + " is not imported; import regions first");
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
            } else if (!group.equals(before.withoutId())) {
                mapper.update(group, now);
                updated++;
            }
        }
        return new ImportOutcome.Applied(ImportKind.GROUPS, table.rows.size(), inserted, updated, byKey.size() - inserted - updated);
    }

    /** Named rules for what a group may be: why this row's purpose, level, channel and robot key do not fit, if they do not. */
    static Optional<Misfit> misfit(GroupPurpose purpose, RegionLevel level, Channel channel, String robotKey) {
        if (purpose == GroupPurpose.VILLAGERS && level != RegionLevel.VILLAGE) {
            return Optional.of(new Misfit("purpose", "a villagers' supervision group serves a village (12 digits); a " + level.wireName()
                    + "'s group is for its officers or discipline officers"));
        }
        if (purpose == GroupPurpose.DISCIPLINE && level == RegionLevel.VILLAGE) {
            return Optional.of(new Misfit("purpose", "discipline officers sit at a town, county or city, not a village"));
        }
        if (!robotKey.isEmpty() && channel != Channel.AIBOT) {
            return Optional.of(new Misfit("robot_key", "a group robot lives in an internal WeCom group (channel aibot); a "
                    + channel.wireName() + " group has none"));
        }
        if (!robotKey.isEmpty() && !robotKey.matches("[A-Za-z0-9_-]{8,128}")) {
            return Optional.of(new Misfit("robot_key", "is the key= part of the group robot's webhook address (letters, digits, - and _)"));
        }
        return Optional.empty();
    }
}
