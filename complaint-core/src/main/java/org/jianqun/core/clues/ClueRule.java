package org.jianqun.core.clues;

import org.jianqun.core.wire.WireWords;

/** The named rules of a clue's steps; a refused step carries one (409 {@code {"error":"refused","rule"}}). */
public enum ClueRule {
    /** 已立案 and 了结 are final. */
    FINAL_STATUS,
    /** A case is filed (已立案) only after a preliminary check (初核中): 待初核 or 暂存 → 已立案 skips it. */
    FILING_NEEDS_PRELIMINARY_CHECK,
    /** Settling a clue nobody checked (待初核 or 暂存 → 了结) skips the check: only with a note saying why. */
    CLOSING_UNCHECKED_NEEDS_NOTE,
    /** Nothing goes back to 待初核: that would hide a check begun or set aside (resume with 初核中). */
    BACK_TO_PENDING,
    /** A step to the status the clue already has changes nothing. */
    SAME_STATUS,
    /** A clue is linked to another clue, once. */
    LINK_EXISTS,
    /** A clue is not linked to itself. */
    LINK_TO_ITSELF;

    public String wireName() {
        return WireWords.of(this);
    }
}
