package org.jianqun.core.clues;

import java.time.Instant;
import org.jianqun.core.access.Confidentiality;

/**
 * A clue of the library as stored: the discipline office that holds it, whether it is confidential (made
 * from a real-name report, whose office it inherited), where it came from, its village if it has one, what
 * it is about, its value and status, who made it and when. Row-shaped for MyBatis (constructor mapping).
 */
public record Clue(long id, String office, boolean confidential, ClueOrigin.Kind sourceKind, String sourceRef, String villageCode,
                   String summary, ClueValue clueValue, ClueStatus status, long createdBy, String createdByName, Instant createdAt,
                   Instant updatedAt) {
    public ClueOrigin origin() {
        return new ClueOrigin(sourceKind, sourceRef);
    }

    /** As {@link org.jianqun.core.access.AccessPolicy#mayKnowClue} asks it. */
    public Confidentiality confidentiality() {
        return confidential ? new Confidentiality.RoutedTo(office) : Confidentiality.ORDINARY;
    }
}
