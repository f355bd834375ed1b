package org.jianqun.core.patrol;

/** Why a review was refused; each a named rule the console shows. */
public enum PatrolRule {
    /** An item the officer's queue does not have: unknown, outside their scope, or not theirs to know. */
    ITEM_NOT_IN_QUEUE,
    /** The officer's office reviewed the item already (one review per item and office). */
    ALREADY_REVIEWED,
    /** An item that waits for a verdict (held content: release or refuse it), which a review is not. */
    NEEDS_VERDICT
}
