package org.jianqun.gateway.outbound;

import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.GroupPurpose;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.GroupAddress;
import org.jianqun.core.persistence.GroupMapper;

/**
 * Which groups read a notice for a region (named rules, so the console can say why one went nowhere):
 * <ul>
 * <li>LEVEL_OFFICERS: a level's notices go to the officers' groups of that region; a village with no
 * cadres' work group hears in its own supervision groups, where its cadres are members.</li>
 * <li>NEAREST_DISCIPLINE: red warnings go to the discipline group of the region, or of the nearest
 * region above that has one (a town without its own is watched by the county commission).</li>
 * <li>RELAY_THROUGH_CADRES: the platform cannot speak in an external WeCom group at will (group-sends
 * need the owner's confirmation and are limited to 4 a month), so a reply for it goes to the village's
 * cadres' work group, marked to be forwarded. Only a work group the platform posts into itself
 * (bridge or robot) can relay: an external cadres' group would relay to itself without end.</li>
 * <li>DISCIPLINE_NEVER_RELAYED: a discipline group the platform cannot post into itself (an external
 * WeCom group) is passed over for the next one up: relaying a red warning would hand it to the very
 * cadres it may be about.</li>
 * </ul>
 */
final class NoticeRoutes {
    private NoticeRoutes() {
    }

    /** Where a group's deliveries go. */
    static GroupAddress addressOf(ChatGroup group) {
        return new GroupAddress(group.channel(), group.groupId());
    }

    static List<ChatGroup> officersOf(SqlSession s, String regionCode) {
        GroupMapper groups = s.getMapper(GroupMapper.class);
        List<ChatGroup> officers = groups.serving(regionCode, GroupPurpose.OFFICERS);
        if (officers.isEmpty() && regionCode.length() == RegionLevel.VILLAGE.codeLength()) {
            return groups.serving(regionCode, GroupPurpose.VILLAGERS);
        }
        return officers;
    }

    static List<ChatGroup> disciplineFor(SqlSession s, String regionCode) {
        GroupMapper groups = s.getMapper(GroupMapper.class);
        Optional<String> region = Optional.of(regionCode);
        while (region.isPresent()) {
            List<ChatGroup> found = postedDirectly(groups.serving(region.get(), GroupPurpose.DISCIPLINE));
            if (!found.isEmpty()) {
                return found;
            }
            region = parentOf(region.get());
        }
        return List.of();
    }

    /** The cadres' work groups of the village an external group serves. */
    static List<ChatGroup> relaysFor(SqlSession s, ChatGroup external) {
        return external.regionCode() == null ? List.of()
                : postedDirectly(s.getMapper(GroupMapper.class).serving(external.regionCode(), GroupPurpose.OFFICERS));
    }

    /** The groups the platform can post into itself: everything but external WeCom groups. */
    private static List<ChatGroup> postedDirectly(List<ChatGroup> groups) {
        return groups.stream().filter(g -> g.channel() != Channel.WECOM).toList();
    }

    private static Optional<String> parentOf(String code) {
        return RegionLevel.ofCodeLength(code.length()).flatMap(RegionLevel::parent).map(p -> code.substring(0, p.codeLength()));
    }
}
