package org.jianqun.gateway.operations;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jianqun.core.operations.ChatSideReports;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.wire.WireWords;
import org.jianqun.gateway.groupsend.GroupSendTask;
import org.jianqun.gateway.inbox.InboxStatus;

/** {@link ChatSideReports} over the gateway's own tables; any role's process may build one (it only reads and requeues). */
public final class GatewayReports implements ChatSideReports {
    /** By default the console lists the group-sends that did not reach their group: the reason to look. */
    private static final Set<GroupSendTask.Status> NOT_DELIVERED =
            EnumSet.of(GroupSendTask.Status.REFUSED, GroupSendTask.Status.EXPIRED, GroupSendTask.Status.FAILED);

    private final Database database;

    public GatewayReports(Database database) {
        this.database = database;
        database.addMapper(GatewayReportMapper.class);
    }

    @Override
    public List<FailedMessage> failedMessages(String scope, Long before, int limit) {
        return database.read(s -> s.getMapper(GatewayReportMapper.class).failedMessages(InboxStatus.FAILED, scope, before, limit)).stream()
                .map(m -> new FailedMessage(m.id(), wire(m.channel()), m.groupId(), m.groupName(), m.villageCode(), m.text(), m.outcome(),
                        m.receivedAt()))
                .toList();
    }

    @Override
    public boolean requeueFailedMessage(long id, String scope, String who) {
        return database.inTransaction(s -> s.getMapper(GatewayReportMapper.class)
                .requeue(id, scope, who, InboxStatus.FAILED, InboxStatus.RECEIVED)) == 1;
    }

    @Override
    public Set<String> groupSendStatuses() {
        return Arrays.stream(GroupSendTask.Status.values()).map(GatewayReports::wire).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public List<GroupSend> groupSends(YearMonth month, Optional<String> status, String scope, int limit) {
        Set<GroupSendTask.Status> statuses = status.map(w -> (Set<GroupSendTask.Status>) EnumSet.of(parseStatus(w))).orElse(NOT_DELIVERED);
        return database.read(s -> s.getMapper(GatewayReportMapper.class).groupSends(month.toString(), statuses, scope, limit)).stream()
                .map(r -> new GroupSend(r.id(), wire(r.purpose()), r.chatId(), r.groupName(), r.regionCode(), r.sendMonth(), wire(r.status()),
                        r.remindersSent(), r.lastError(), r.queuedAt(), r.sentAt()))
                .toList();
    }

    @Override
    public List<UnboundGroup> unboundGroups(int limit) {
        return database.read(s -> s.getMapper(GatewayReportMapper.class).unboundGroups(InboxStatus.UNKNOWN_GROUP, limit)).stream()
                .map(g -> new UnboundGroup(wire(g.channel()), g.groupId(), g.name(), g.keptMessages(), g.lastMessageAt()))
                .toList();
    }

    private static GroupSendTask.Status parseStatus(String word) {
        return WireWords.parse(GroupSendTask.Status.class, word)
                .orElseThrow(() -> new IllegalArgumentException("no group-send status '" + word + "'"));
    }

    private static String wire(Enum<?> value) {
        return WireWords.of(value);
    }
}
