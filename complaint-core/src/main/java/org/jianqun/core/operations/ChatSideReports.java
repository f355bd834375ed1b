package org.jianqun.core.operations;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What administrators read of the chat side's own tables (the gateway's inbox and group-send tasks),
 * and the one write they may make there: putting a message that failed in processing back in the
 * queue. Core declares it and the gateway implements it over the tables it owns, so the console shows
 * them without core or the console reaching into another module's tables. Statuses are the gateway's
 * wire words (lower case); {@code scope} is a region code prefix, null for everywhere. Blocking.
 */
public interface ChatSideReports {
    record FailedMessage(long id, String channel, String groupId, String groupName, String villageCode, String text, String outcome,
                         Instant receivedAt) {
    }

    record UnboundGroup(String channel, String groupId, String name, long keptMessages, Instant lastMessageAt) {
    }

    record GroupSend(long id, String purpose, String chatId, String groupName, String regionCode, String month, String status,
                     int remindersSent, String lastError, Instant queuedAt, Instant sentAt) {
    }

    /** Chat messages stored but not processed (the inbox's FAILED), newest first, before row {@code before}, within scope. */
    List<FailedMessage> failedMessages(String scope, Long before, int limit);

    /** Puts a failed message back in the queue once its cause is mended; false when there is no such failed message within scope. */
    boolean requeueFailedMessage(long id, String scope, String who);

    /** The statuses a group-send can be listed by. */
    Set<String> groupSendStatuses();

    /**
     * Group-sends into external groups of one month, within scope, newest first: in {@code status} (one of
     * {@link #groupSendStatuses()}), or by default those that did not reach their group.
     */
    List<GroupSend> groupSends(YearMonth month, Optional<String> status, String scope, int limit);

    /** Groups with kept messages and no region, and registered groups still waiting for one. */
    List<UnboundGroup> unboundGroups(int limit);
}
