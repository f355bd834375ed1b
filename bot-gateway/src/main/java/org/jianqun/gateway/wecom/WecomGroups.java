package org.jianqun.gateway.wecom;

import java.time.Clock;
import java.util.Map;
import org.jianqun.core.organisation.Spelling;
import org.jianqun.core.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the group registry in step with WeCom's {@code change_external_chat} events. WeCom's event
 * carries the chat id but not the group's name, so a new group is registered as channel WECOM,
 * unassigned (village NULL), named {@value #UNNAMED}+chat id; an admin binds it to its village (and
 * names it) by importing groups.csv. Its messages meanwhile are kept and reported as UNKNOWN_GROUP.
 * An update registers a group we missed and otherwise keeps it; a dismissed group keeps its row, village
 * and tickets, and its name is prefixed {@value #DISMISSED} so consoles show it (a later import that
 * names it again lifts the mark). Every change is idempotent: WeCom's retries are harmless.
 */
public final class WecomGroups {
    public static final String UNNAMED = "企业微信客户群 ";
    public static final String DISMISSED = "已解散 ";
    private static final Logger LOG = LoggerFactory.getLogger(WecomGroups.class);
    private static final int MAX_CHAT_ID = 128;

    private final Database database;
    private final Clock clock;

    public WecomGroups(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        database.addMapper(WecomGroupMapper.class);
    }

    /** Blocking. Applies a decrypted change_external_chat event; false when it is not one we can read. */
    public boolean apply(Map<String, String> event) {
        String chatId = Spelling.id(event.getOrDefault("ChatId", ""));
        String change = event.getOrDefault("ChangeType", "").strip();
        if (chatId.isEmpty() || chatId.length() > MAX_CHAT_ID) {
            LOG.warn("change_external_chat without a usable ChatId ignored");
            return false;
        }
        database.inTransaction(s -> {
            WecomGroupMapper groups = s.getMapper(WecomGroupMapper.class);
            switch (change) {
                case "create", "update" -> groups.insertUnassigned(chatId, UNNAMED + chatId, clock.instant());
                case "dismiss" -> {
                    groups.insertUnassigned(chatId, UNNAMED + chatId, clock.instant());
                    groups.markDismissed(chatId, DISMISSED, clock.instant());
                }
                default -> LOG.info("change_external_chat with ChangeType '{}' ignored", change.length() > 20 ? change.substring(0, 20) : change);
            }
            return null;
        });
        return true;
    }
}
