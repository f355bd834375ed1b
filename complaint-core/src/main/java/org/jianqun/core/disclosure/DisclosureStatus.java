package org.jianqun.core.disclosure;

import org.jianqun.core.wire.WireWords;

/** Where one version of a village's month stands. */
public enum DisclosureStatus {
    /** Uploaded by the bookkeeper; the resident cadre reviews its invoices. */
    SUBMITTED,
    /** At least one invoice was rejected: back to the bookkeeper with the reasons. */
    REJECTED,
    /** Every invoice approved and the summary and image rendered: waits for the push day. */
    READY,
    /** Pushed into the village's groups; never edited again (a correction is a new version). */
    PUBLISHED;

    public String wireName() {
        return WireWords.of(this);
    }
}
