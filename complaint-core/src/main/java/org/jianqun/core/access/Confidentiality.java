package org.jianqun.core.access;

import java.util.Objects;
import org.jianqun.core.organisation.RegionLevel;

/**
 * Whether a ticket is an ordinary one, known to everyone whose scope covers its village, or a
 * confidential (real-name) report routed to one discipline office (DESIGN.md "Real-name reports").
 */
public sealed interface Confidentiality {
    Ordinary ORDINARY = new Ordinary();

    record Ordinary() implements Confidentiality {
    }

    /** @param officeCode the region code of the discipline office it is routed to: a town, a county or a city */
    record RoutedTo(String officeCode) implements Confidentiality {
        public RoutedTo {
            Objects.requireNonNull(officeCode, "officeCode");
            RegionLevel level = RegionLevel.ofCodeLength(officeCode.length())
                    .orElseThrow(() -> new IllegalArgumentException("not a region code: " + officeCode));
            if (level == RegionLevel.VILLAGE || !officeCode.chars().allMatch(Character::isDigit)) {
                // A village has no discipline office: reports about it go to its town.
                throw new IllegalArgumentException("a discipline office is a town, county or city, not " + officeCode);
            }
        }

        public RegionLevel level() {
            return RegionLevel.ofCodeLength(officeCode.length()).orElseThrow();
        }
    }

    default boolean confidential() {
        return this instanceof RoutedTo;
    }
}
