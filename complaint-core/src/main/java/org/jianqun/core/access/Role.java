package org.jianqun.core.access;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.wire.WireWords;

/** The roles of DESIGN.md's power list, and the levels at which each role's scope may sit. */
public enum Role {
    VILLAGER(EnumSet.of(RegionLevel.VILLAGE)),
    VILLAGE_CADRE(EnumSet.of(RegionLevel.VILLAGE)),
    BOOKKEEPER(EnumSet.of(RegionLevel.VILLAGE)),
    /** A town official assigned to villages: scoped to one village, or to the whole town. */
    RESIDENT_CADRE(EnumSet.of(RegionLevel.TOWN, RegionLevel.VILLAGE)),
    TOWN_OFFICER(EnumSet.of(RegionLevel.TOWN)),
    COUNTY_OFFICER(EnumSet.of(RegionLevel.COUNTY)),
    CITY_OFFICER(EnumSet.of(RegionLevel.CITY)),
    DISCIPLINE_OFFICER(EnumSet.of(RegionLevel.TOWN, RegionLevel.COUNTY, RegionLevel.CITY)),
    /** An admin may be scoped to any region, or (empty scope) to the whole platform. */
    ADMIN(EnumSet.allOf(RegionLevel.class));

    private final Set<RegionLevel> scopeLevels;

    Role(Set<RegionLevel> scopeLevels) {
        this.scopeLevels = scopeLevels;
    }

    public Set<RegionLevel> scopeLevels() {
        return scopeLevels;
    }

    public boolean mayBePlatformWide() {
        return this == ADMIN;
    }

    public String wireName() {
        return WireWords.of(this);
    }

    public static Optional<Role> fromWire(String value) {
        return WireWords.parse(Role.class, value);
    }
}
