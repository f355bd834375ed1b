package org.jianqun.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.patrol.FlaggedMessages;

/**
 * The chat side's flagged messages held in memory, for the console's tests (the console cannot reach the
 * gateway; the gateway's own test checks the SQL of the real port). Scope by region prefix, as the gateway's.
 */
public final class RecordedFlaggedMessages implements FlaggedMessages {
    private final List<FlaggedMessage> messages = new ArrayList<>();

    public synchronized FlaggedMessage add(String villageCode, String text, List<String> words, Instant at) {
        FlaggedMessage m = new FlaggedMessage(messages.size() + 1L, villageCode, "东岭村村务监督群", text, words, at);
        messages.add(m);
        return m;
    }

    @Override
    public synchronized List<FlaggedMessage> flagged(String scope, Instant from, Instant to, int limit) {
        return messages.stream().filter(m -> m.villageCode().startsWith(scope) && !m.receivedAt().isBefore(from) && m.receivedAt().isBefore(to))
                .sorted(Comparator.comparing(FlaggedMessage::receivedAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized Optional<FlaggedMessage> find(long id) {
        return messages.stream().filter(m -> m.id() == id).findFirst();
    }
}
