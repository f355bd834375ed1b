package org.jianqun.gateway.operations;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.patrol.FlaggedMessages;
import org.jianqun.core.persistence.Database;

/** {@link FlaggedMessages} over the gateway's inbox; any role's process may build one (it only reads). */
public final class GatewayFlaggedMessages implements FlaggedMessages {
    private final Database database;

    public GatewayFlaggedMessages(Database database) {
        this.database = database;
        database.addMapper(FlaggedMessageMapper.class);
    }

    @Override
    public List<FlaggedMessage> flagged(String scope, Instant from, Instant to, int limit) {
        return database.read(s -> s.getMapper(FlaggedMessageMapper.class).flagged(scope, from, to, limit)).stream()
                .map(GatewayFlaggedMessages::message).toList();
    }

    @Override
    public Optional<FlaggedMessage> find(long id) {
        return Optional.ofNullable(database.read(s -> s.getMapper(FlaggedMessageMapper.class).find(id))).map(GatewayFlaggedMessages::message);
    }

    /** A voice message is patrolled by its transcript; the flagger wrote its words comma-separated (MessageProcessor). */
    private static FlaggedMessage message(FlaggedMessageMapper.FlaggedRow r) {
        String text = r.text() != null && !r.text().isBlank() ? r.text() : r.transcript();
        List<String> words = r.flagWords() == null ? List.of()
                : Arrays.stream(r.flagWords().split(",")).map(String::strip).filter(w -> !w.isEmpty()).toList();
        return new FlaggedMessage(r.id(), r.villageCode(), r.groupName(), text == null ? "" : text, words, r.receivedAt());
    }
}
