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
        assertThat(GroupAddress.of("wecom", "wrExternal202")).isEqualTo(new GroupAddress(Channel.WECOM, "wrExternal202"));
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
        assertThatThrownBy(() -> GroupAddress.of("sms", "g-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
