package org.jianqun.core.patrol;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.clues.ClueOrigin;
import org.jianqun.core.persistence.Database;

/**
 * Flagged chat messages as patrol items, with the words that flagged them, through the gateway's port. The
 * reviewed ones are left out here (the port cannot join core's review table): of a window's flagged messages
 * it reads at most {@link #FETCH} — flagged messages are a handful a day in a county, so that bounds only a
 * backlog nobody patrolled for weeks, whose newest ones still come first.
 */
public final class FlaggedMessageSource implements PatrolSource {
    static final int FETCH = 2_000;

    private final Database database;
    private final FlaggedMessages messages;

    public FlaggedMessageSource(Database database, FlaggedMessages messages) {
        this.database = database;
        this.messages = messages;
        database.addMapper(PatrolMapper.class);
    }

    @Override
    public Set<PatrolKind> kinds() {
        return Set.of(PatrolKind.FLAGGED_MESSAGE);
    }

    @Override
    public List<PatrolItem> unreviewed(PatrolWindow window, int limit) {
        List<FlaggedMessages.FlaggedMessage> flagged = messages.flagged(window.scope(), window.from(), window.to(), FETCH).stream()
                .filter(m -> AccessPolicy.covers(window.officer(), m.villageCode())).toList();
        if (flagged.isEmpty()) {
            return List.of();
        }
        Set<String> refs = flagged.stream().map(m -> Long.toString(m.id())).collect(Collectors.toSet());
        Set<String> reviewed = new HashSet<>(database.read(s -> s.getMapper(PatrolMapper.class)
                .reviewed(window.office(), PatrolKind.FLAGGED_MESSAGE.wireName(), refs)));
        return flagged.stream().filter(m -> !reviewed.contains(Long.toString(m.id()))).limit(limit).map(FlaggedMessageSource::item).toList();
    }

    @Override
    public Optional<PatrolItem> find(Actor officer, PatrolKey key) {
        if (!key.kind().equals(PatrolKind.FLAGGED_MESSAGE) || !key.ref().matches("[1-9]\\d{0,17}")) {
            return Optional.empty();
        }
        return messages.find(Long.parseLong(key.ref())).filter(m -> AccessPolicy.covers(officer, m.villageCode()))
                .map(FlaggedMessageSource::item);
    }

    private static PatrolItem item(FlaggedMessages.FlaggedMessage m) {
        String ref = Long.toString(m.id());
        return new PatrolItem(new PatrolKey(PatrolKind.FLAGGED_MESSAGE, ref), m.receivedAt(), m.villageCode(), null, m.text(), m.words(),
                new ClueOrigin(ClueOrigin.Kind.MESSAGE, ref));
    }
}
