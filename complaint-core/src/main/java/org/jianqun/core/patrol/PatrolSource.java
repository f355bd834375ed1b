package org.jianqun.core.patrol;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jianqun.core.access.Actor;

/**
 * One kind of thing discipline officers patrol. The queue asks each source it was built with and merges
 * their answers, newest first; a new kind (smart warnings, missing disclosures) is one more implementation
 * handed to {@link PatrolQueue}, nothing else changes. A source answers only what the officer may know
 * (ask {@link org.jianqun.core.access.AccessPolicy}) within the window's scope, and leaves out what the
 * officer's office has reviewed ({@link PatrolMapper#reviewed}). Blocking.
 */
public interface PatrolSource {
    /** The kinds this source answers for. */
    Set<PatrolKind> kinds();

    /** The unreviewed items of the window, newest first, at most {@code limit}. */
    List<PatrolItem> unreviewed(PatrolWindow window, int limit);

    /**
     * Whether this source's items leave the queue only by a decision of their own (待审内容: 放行 or 不予显示), which
     * marking them reviewed is not: the log refuses to mark them ({@link PatrolRule#NEEDS_VERDICT}).
     */
    default boolean decidedByVerdict() {
        return false;
    }

    /** The item with this key if it exists for the officer (within their scope, theirs to know): a review names only such items. */
    Optional<PatrolItem> find(Actor officer, PatrolKey key);
}
