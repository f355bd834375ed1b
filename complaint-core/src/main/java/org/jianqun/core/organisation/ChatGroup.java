package org.jianqun.core.organisation;

/**
 * A group on one channel and the region it serves: a village for a supervision group, any level for
 * an officers' or discipline group. The region is null until an admin binds the group.
 * {@code robotKey}: the WeCom group robot's key in an internal group, if one was added (null otherwise).
 */
public record ChatGroup(Long id, Channel channel, String groupId, String regionCode, String name, GroupPurpose purpose, String robotKey) {
    public ChatGroup {
        if (purpose == null) {
            purpose = GroupPurpose.VILLAGERS;
        }
    }

    /** The same group as written by an import, without its row id: what re-importing compares. */
    public ChatGroup withoutId() {
        return new ChatGroup(null, channel, groupId, regionCode, name, purpose, robotKey);
    }

    public boolean takesReports() {
        return purpose == GroupPurpose.VILLAGERS;
    }

    /** Never the robot's key: it is a credential. */
    @Override
    public String toString() {
        return "ChatGroup[" + channel + ":" + groupId + " " + purpose + " of " + regionCode + (robotKey == null ? "" : " with robot") + "]";
    }
}
