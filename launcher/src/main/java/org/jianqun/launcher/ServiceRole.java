package org.jianqun.launcher;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jianqun.core.wire.WireWords;

/** The roles one process can play (DESIGN.md: {@code --roles gateway,miniapp,pusher,sweeper}); all by default. */
public enum ServiceRole {
    GATEWAY, MINIAPP, PUSHER, SWEEPER;

    public String wireName() {
        return WireWords.of(this);
    }

    /** Parses {@code gateway,miniapp}; an unknown or empty list is refused with the names that would work. */
    public static Set<ServiceRole> parseList(String list) {
        List<String> unknown = new ArrayList<>();
        Set<ServiceRole> roles = EnumSet.noneOf(ServiceRole.class);
        for (String part : list.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            WireWords.parse(ServiceRole.class, name).ifPresentOrElse(roles::add, () -> unknown.add(part.trim()));
        }
        if (!unknown.isEmpty() || roles.isEmpty()) {
            throw new IllegalArgumentException("--roles: " + (unknown.isEmpty() ? "no role given" : "unknown role " + String.join(", ", unknown))
                    + "; use a comma list of gateway, miniapp, pusher, sweeper");
        }
        return roles;
    }
}
