package org.jianqun.console;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jianqun.core.operations.ChatSideReports;

/**
 * The chat side's reports as the console sees them, held in memory: the console's tests cannot reach
 * the gateway (role modules stand apart), whose own tests check the SQL behind the real ones. Scope is
 * matched by region prefix as the gateway matches it.
 */
public final class RecordedChatSide implements ChatSideReports {
    public final List<FailedMessage> failed = new ArrayList<>();
    public final List<GroupSend> groupSends = new ArrayList<>();
    public final List<UnboundGroup> unbound = new ArrayList<>();
    public final List<String> requeuedBy = new ArrayList<>();

    @Override
    public synchronized List<FailedMessage> failedMessages(String scope, Long before, int limit) {
        return failed.stream().filter(m -> within(scope, m.villageCode()) && (before == null || m.id() < before)).limit(limit).toList();
    }

    @Override
    public synchronized boolean requeueFailedMessage(long id, String scope, String who) {
        boolean found = failed.removeIf(m -> m.id() == id && within(scope, m.villageCode()));
        if (found) {
            requeuedBy.add(who);
        }
        return found;
    }

    @Override
    public Set<String> groupSendStatuses() {
        return new TreeSet<>(Set.of("refused", "queued", "created", "sent", "expired", "failed"));
    }

    @Override
    public synchronized List<GroupSend> groupSends(YearMonth month, Optional<String> status, String scope, int limit) {
        Set<String> wanted = status.map(Set::of).orElse(Set.of("refused", "expired", "failed"));
        return groupSends.stream().filter(g -> g.month().equals(month.toString()) && wanted.contains(g.status()) && within(scope, g.regionCode()))
                .limit(limit).toList();
    }

    @Override
    public synchronized List<UnboundGroup> unboundGroups(int limit) {
        return unbound.stream().limit(limit).toList();
    }

    private static boolean within(String scope, String code) {
        return scope == null || (code != null && code.startsWith(scope));
    }
}
