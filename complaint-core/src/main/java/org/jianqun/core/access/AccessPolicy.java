package org.jianqun.core.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jianqun.core.organisation.DivisionCode;

/**
 * The one place that decides whether an actor may do something to something in a region. Every HTTP
 * endpoint and every chat command asks here: by role (the permission table below) and by scope
 * (the target's region code must lie inside the actor's scope).
 */
public final class AccessPolicy {
    private static final Map<Role, Set<Permission>> GRANTS = new EnumMap<>(Role.class);

    static {
        Set<Permission> officers = EnumSet.of(Permission.VIEW_ORGANISATION);
        GRANTS.put(Role.VILLAGER, EnumSet.noneOf(Permission.class));
        GRANTS.put(Role.VILLAGE_CADRE, EnumSet.copyOf(officers));
        GRANTS.put(Role.BOOKKEEPER, EnumSet.copyOf(officers));
        GRANTS.put(Role.RESIDENT_CADRE, EnumSet.copyOf(officers));
        GRANTS.put(Role.TOWN_OFFICER, EnumSet.copyOf(officers));
        GRANTS.put(Role.COUNTY_OFFICER, EnumSet.copyOf(officers));
        GRANTS.put(Role.CITY_OFFICER, EnumSet.copyOf(officers));
        GRANTS.put(Role.DISCIPLINE_OFFICER, EnumSet.copyOf(officers));
        GRANTS.put(Role.ADMIN, EnumSet.allOf(Permission.class));
    }

    private AccessPolicy() {
    }

    /** May the actor use this permission at all (anywhere in their scope)? */
    public static AccessDecision decide(Actor actor, Permission permission) {
        if (!GRANTS.get(actor.role()).contains(permission)) {
            return new AccessDecision.Refused("role " + actor.role().wireName() + " may not " + permission.wireName(), false);
        }
        return new AccessDecision.Granted();
    }

    /** May the actor use this permission on something in the region {@code targetCode}? */
    public static AccessDecision decide(Actor actor, Permission permission, String targetCode) {
        AccessDecision byRole = decide(actor, permission);
        if (!byRole.granted()) {
            return byRole;
        }
        return covers(actor, targetCode) ? byRole
                : new AccessDecision.Refused("region " + targetCode + " is outside your scope " + actor.scopeCode(), true);
    }

    public static boolean covers(Actor actor, String targetCode) {
        return actor.isPlatformWide() || (targetCode != null && DivisionCode.covers(actor.scopeCode(), targetCode));
    }
}
