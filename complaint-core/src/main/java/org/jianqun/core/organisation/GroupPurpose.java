package org.jianqun.core.organisation;

import java.util.Optional;
import org.jianqun.core.wire.WireWords;

/**
 * What a chat group is for. A village's supervision group is where villagers speak; officers' and
 * discipline officers' groups are where the platform tells a level what it must do.
 */
public enum GroupPurpose {
    /** A village's supervision group (监督群): villagers and their cadres. */
    VILLAGERS,
    /** A work group of one region's cadres or officers (村两委、镇、县、市工作群): notices for that level. */
    OFFICERS,
    /** The discipline officers of a town, county or city (纪检监察群): red warnings and patrol leads. */
    DISCIPLINE;

    public String wireName() {
        return WireWords.of(this);
    }

    public static Optional<GroupPurpose> fromWire(String value) {
        return WireWords.parse(GroupPurpose.class, value);
    }

    /** What a group is for when groups.csv does not say: a village's is its supervision group, a higher region's its officers'. */
    public static GroupPurpose byDefaultFor(RegionLevel level) {
        return level == RegionLevel.VILLAGE ? VILLAGERS : OFFICERS;
    }
}
