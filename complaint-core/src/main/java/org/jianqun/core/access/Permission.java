package org.jianqun.core.access;

import java.util.Locale;

/** What an actor may be allowed to do; {@link AccessPolicy} says which role holds which. */
public enum Permission {
    /** Load regions, groups and people from the CSV imports. */
    IMPORT_ORGANISATION,
    /** Read the organisation tree and groups within one's scope. */
    VIEW_ORGANISATION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
