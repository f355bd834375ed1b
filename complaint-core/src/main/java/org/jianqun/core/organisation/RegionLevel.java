package org.jianqun.core.organisation;

import java.util.Optional;
import org.jianqun.core.wire.WireWords;

/**
 * The administrative levels the platform works with, and the length of their statistical division
 * codes (city 4 digits, county 6, town 9, village 12: each code extends its parent's).
 */
public enum RegionLevel {
    CITY(4, "市级"), COUNTY(6, "县级"), TOWN(9, "镇级"), VILLAGE(12, "村级");

    private final int codeLength;
    private final String label;

    RegionLevel(int codeLength, String label) {
        this.codeLength = codeLength;
        this.label = label;
    }

    /** The level as chat replies say it (村级, 镇级, 县级, 市级). */
    public String label() {
        return label;
    }

    public int codeLength() {
        return codeLength;
    }

    /** The level a region of this level hangs under; a city is the top. */
    public Optional<RegionLevel> parent() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }

    /** The level above, for escalation; a city has none. */
    public Optional<RegionLevel> above() {
        return parent();
    }

    public String wireName() {
        return WireWords.of(this);
    }

    public static Optional<RegionLevel> fromWire(String value) {
        return WireWords.parse(RegionLevel.class, value);
    }

    /** The level whose codes have this many digits, if any. */
    public static Optional<RegionLevel> ofCodeLength(int length) {
        for (RegionLevel level : values()) {
            if (level.codeLength == length) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
