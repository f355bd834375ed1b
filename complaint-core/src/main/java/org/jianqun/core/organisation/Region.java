package org.jianqun.core.organisation;

import java.util.Objects;

/** One node of the administrative tree (city > county > town > village). */
public record Region(String code, String name, RegionLevel level, String parentCode) {
    public Region {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
    }
}
