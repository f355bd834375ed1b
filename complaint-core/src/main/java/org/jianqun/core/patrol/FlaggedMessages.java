package org.jianqun.core.patrol;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The chat messages the gateway flagged (a word of its lists: 优亲厚友, 吃拿卡要 …), as patrol reads them. Core
 * declares it and the gateway implements it over its own inbox (core names no gateway table); the launcher wires
 * it into the console. {@code scope} is a region code prefix. Blocking.
 */
public interface FlaggedMessages {
    /** A process without a chat side (a console's tests of its other routes): no message is flagged. */
    FlaggedMessages NONE = new FlaggedMessages() {
        @Override
        public List<FlaggedMessage> flagged(String scope, Instant from, Instant to, int limit) {
            return List.of();
        }

        @Override
        public Optional<FlaggedMessage> find(long id) {
            return Optional.empty();
        }
    };

    /**
     * @param words the words that flagged it, as the flagger recorded them
     * @param text  what was said (a voice message: its transcript)
     */
    record FlaggedMessage(long id, String villageCode, String groupName, String text, List<String> words, Instant receivedAt) {
        public FlaggedMessage {
            words = words == null ? List.of() : List.copyOf(words);
        }
    }

    /** Flagged messages of villages within {@code scope} received in [from, to), newest first, at most {@code limit}. */
    List<FlaggedMessage> flagged(String scope, Instant from, Instant to, int limit);

    /** A flagged message by its id (the inbox's), whatever its village: the caller checks the scope. */
    Optional<FlaggedMessage> find(long id);
}
