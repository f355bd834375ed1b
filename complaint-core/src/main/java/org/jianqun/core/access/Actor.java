package org.jianqun.core.access;

import java.util.Objects;

/**
 * Who is asking, whatever the entry point (HTTP bearer token or chat sender). The scope is a region
 * code; null means platform-wide, which only an admin can be.
 */
public record Actor(long personId, String displayName, Role role, String scopeCode) {
    public Actor {
        Objects.requireNonNull(role, "role");
        if (scopeCode == null && !role.mayBePlatformWide()) {
            throw new IllegalArgumentException(role.wireName() + " needs a scope");
        }
    }

    public boolean isPlatformWide() {
        return scopeCode == null;
    }
}
