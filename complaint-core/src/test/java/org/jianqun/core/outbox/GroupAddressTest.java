package org.jianqun.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jianqun.core.organisation.Channel;
import org.junit.jupiter.api.Test;

/** Group addresses read and write {@code outbox.target} exactly as rows stored before the type did. */
class GroupAddressTest {
    @Test
    void readsAndWritesTheStoredForm() {
        assertThat(new GroupAddress(Channel.BRIDGE, "g-201-1").wire()).isEqualTo("bridge:g-201-1");
        assertThat(GroupAddress.parse("aibot:wrTownOfficers")).contains(new GroupAddress(Channel.AIBOT, "wrTownOfficers"));
        assertThat(OutboxMessage.toGroup(new GroupAddress(Channel.BRIDGE, "g-1"), "好").target()).isEqualTo("bridge:g-1");
    }

    @Test
    void aGroupIdMayHoldColonsTheChannelMayNot() {
        GroupAddress address = GroupAddress.parse("bridge:room:42").orElseThrow();
        assertThat(address.groupId()).isEqualTo("room:42");
        assertThat(GroupAddress.parse(address.wire())).contains(address);
    }

    @Test
    void whatIsNoAddressIsRefused() {
        assertThat(GroupAddress.parse("telegram:g-1")).isEmpty();
        assertThat(GroupAddress.parse("BRIDGE:g-1")).as("wire names are lower case").isEmpty();
        assertThat(GroupAddress.parse("bridge:")).isEmpty();
        assertThat(GroupAddress.parse("bridge: ")).isEmpty();
        assertThat(GroupAddress.parse("g-201-1")).isEmpty();
        assertThat(GroupAddress.parse(null)).isEmpty();
        assertThatThrownBy(() -> new GroupAddress(Channel.BRIDGE, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupAddress(null, "g-1")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aTicketsGroupIsOnTheChannelItCameByAndATicketFromNoGroupHasNone() {
        assertThat(org.jianqun.core.desk.Via.WECOM.groupChannel()).contains(Channel.WECOM);
        assertThat(org.jianqun.core.desk.Via.CONSOLE.groupChannel()).isEmpty();
        assertThat(org.jianqun.core.desk.Via.MINIAPP.answersInAGroup()).isFalse();
        assertThat(org.jianqun.core.desk.Via.fromWire("aibot")).contains(org.jianqun.core.desk.Via.AIBOT);
        assertThat(org.jianqun.core.desk.Via.fromWire("sms")).isEmpty();
    }

    @Test
    void onlyAMessageToAVillagesGroupsIsABroadcast() {
        assertThat(OutboxMessage.toVillagers("359901100201", Broadcast.DISCLOSURE, "公开").audience()).isEqualTo(Audience.VILLAGERS);
        assertThatThrownBy(() -> new OutboxMessage(Audience.LEVEL, "359901100", "公开", Broadcast.DISCLOSURE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
