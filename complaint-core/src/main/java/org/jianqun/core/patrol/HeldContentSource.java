package org.jianqun.core.patrol;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.clues.ClueOrigin;
import org.jianqun.core.content.HeldContent;
import org.jianqun.core.content.HeldRef;
import org.jianqun.core.content.HeldText;
import org.jianqun.core.content.HeldTexts;
import org.jianqun.core.persistence.Database;

/**
 * 待审内容 as patrol items: text the content check left for an officer, with where it would be shown. Unlike an
 * event it is a task: it stays in the queue, however old, until an officer of the scope gives it a verdict
 * ({@link HeldContent#decide}); marking it 已阅 is not a verdict ({@link #decidedByVerdict}).
 */
public final class HeldContentSource implements PatrolSource {
    public static final PatrolKind HELD_CONTENT = new PatrolKind("held_content");

    private final HeldTexts held;

    public HeldContentSource(Database database) {
        this.held = new HeldTexts(database);
    }

    @Override
    public Set<PatrolKind> kinds() {
        return Set.of(HELD_CONTENT);
    }

    @Override
    public boolean decidedByVerdict() {
        return true;
    }

    @Override
    public List<PatrolItem> unreviewed(PatrolWindow window, int limit) {
        return held.awaiting(window.scope(), window.to(), limit).stream().filter(t -> AccessPolicy.covers(window.officer(), t.villageCode()))
                .sorted(Comparator.comparing(HeldText::at).reversed()).limit(limit).map(HeldContentSource::item).toList();
    }

    @Override
    public Optional<PatrolItem> find(Actor officer, PatrolKey key) {
        if (!key.kind().equals(HELD_CONTENT)) {
            return Optional.empty();
        }
        return HeldRef.parse(key.ref()).flatMap(ref -> held.find(officer, ref)).filter(t -> t.state() == HeldText.State.AWAITING)
                .map(HeldContentSource::item);
    }

    private static PatrolItem item(HeldText t) {
        ClueOrigin origin = t.ticketNo().map(no -> new ClueOrigin(ClueOrigin.Kind.TICKET, Long.toString(no))).orElse(ClueOrigin.MANUAL);
        return new PatrolItem(new PatrolKey(HELD_CONTENT, t.ref().text()), t.at(), t.villageCode(), t.ticketNo().orElse(null),
                "【待审内容·将显示于" + t.where() + "】" + t.text(), List.of(), origin);
    }
}
