package org.jianqun.launcher;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jianqun.core.roles.RoleModule;
import org.jianqun.core.wire.WireWords;

/**
 * The roles one process can play (DESIGN.md: {@code --roles gateway,miniapp,console,pusher,sweeper}); all
 * by default. Each names how its module is assembled; {@link Platform} loops over the chosen ones.
 */
public enum ServiceRole {
    GATEWAY(RoleAssembly::gateway),
    /** The mini-program's API: the only role meant to face the internet, so it mounts nothing else. */
    MINIAPP(RoleAssembly::miniapp),
    /** The officers' side: login, the ticket console, admin imports and operations, audit verify. */
    CONSOLE(RoleAssembly::console),
    PUSHER(RoleAssembly::pusher),
    SWEEPER(RoleAssembly::sweeper);

    private final Function<RoleAssembly, RoleModule> assemble;

    ServiceRole(Function<RoleAssembly, RoleModule> assemble) {
        this.assemble = assemble;
    }

    RoleModule assemble(RoleAssembly with) {
        return assemble.apply(with);
    }

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
                    + "; use a comma list of gateway, miniapp, console, pusher, sweeper");
        }
        return roles;
    }
}
