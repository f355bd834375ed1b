package org.jianqun.core.realname;

import java.util.Objects;
import org.jianqun.core.organisation.RegionLevel;

/**
 * What the conflict shield counts an accused person as: an official of a level (a village's people count as the
 * village), and whether they belong to a discipline office of that level. {@code regionCode} is where: the person's
 * scope when they are in the registry; for a written position, the reporter's own region at that level (a written
 * 镇长 is the reporter's town's).
 */
public record Standing(RegionLevel level, String regionCode, boolean disciplineOfficer) {
    public Standing {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(regionCode, "regionCode");
    }

    /** As stored beside the accused ({@code realname_accused.counted_as}): e.g. {@code town:359901100}, {@code discipline:359901}. */
    public String wire() {
        return (disciplineOfficer ? "discipline" : level.name().toLowerCase(java.util.Locale.ROOT)) + ":" + regionCode;
    }

    public String label() {
        return level.label() + (disciplineOfficer ? "纪检监察干部" : level == RegionLevel.VILLAGE ? "人员" : "干部");
    }
}
