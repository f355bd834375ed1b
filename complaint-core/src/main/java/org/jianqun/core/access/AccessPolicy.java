package org.jianqun.core.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jianqun.core.organisation.DivisionCode;
import org.jianqun.core.organisation.RegionLevel;

/**
 * The one place that decides whether an actor may do something to something in a region. Every HTTP
 * endpoint and every chat command asks here: by role (the permission table below) and by scope
 * (the target's region code must lie inside the actor's scope).
 *
 * <p>Tickets (DESIGN.md power list) add a third test, the ticket's current level:
 * <ul>
 * <li>Handling (claim, resolve, 上报, 定级) belongs to the role of the ticket's level only: village
 *     cadre at village level, town / county / city officer at town / county / city level, each
 *     within their scope. Officers above supervise but do not act on lower-level tickets: the
 *     ticket comes to them by escalation.</li>
 * <li>Merging a duplicate: whoever may handle the ticket, and discipline officers.</li>
 * <li>Rejecting (not a matter for the platform): the officers of a town level and above, and
 *     discipline officers. A village cadre may not: a village must not be able to dismiss the
 *     complaints made about it; it escalates with its reason instead.</li>
 * <li>Discipline officers merge and reject only tickets at or below their own scope's level (a town
 *     discipline officer does not overrule the county).</li>
 * <li>Urging, registering and rating: everyone whose scope covers the ticket's village, villagers
 *     included; the ticket itself insists that only its complainant rates.</li>
 * <li>The admin runs accounts and the organisation tree and does not act on tickets.</li>
 * </ul>
 */
public final class AccessPolicy {
    private static final Map<Role, Set<Permission>> GRANTS = new EnumMap<>(Role.class);
    /** Permissions that also require the actor's role to match the ticket's level. */
    private static final Set<Permission> LEVEL_BOUND = EnumSet.of(Permission.HANDLE_TICKET, Permission.MERGE_TICKET, Permission.REJECT_TICKET);

    static {
        Set<Permission> officers = EnumSet.of(Permission.VIEW_ORGANISATION, Permission.VIEW_TICKETS);
        Set<Permission> villageMember = EnumSet.of(Permission.REGISTER_TICKET, Permission.URGE_TICKET, Permission.RATE_TICKET);
        GRANTS.put(Role.VILLAGER, EnumSet.copyOf(villageMember));
        GRANTS.put(Role.VILLAGE_CADRE, union(officers, villageMember, EnumSet.of(Permission.HANDLE_TICKET, Permission.MERGE_TICKET)));
        GRANTS.put(Role.BOOKKEEPER, union(officers, villageMember));
        GRANTS.put(Role.RESIDENT_CADRE, union(officers, villageMember));
        Set<Permission> handlingOfficer = union(officers, villageMember,
                EnumSet.of(Permission.HANDLE_TICKET, Permission.MERGE_TICKET, Permission.REJECT_TICKET));
        GRANTS.put(Role.TOWN_OFFICER, EnumSet.copyOf(handlingOfficer));
        GRANTS.put(Role.COUNTY_OFFICER, EnumSet.copyOf(handlingOfficer));
        GRANTS.put(Role.CITY_OFFICER, EnumSet.copyOf(handlingOfficer));
        GRANTS.put(Role.DISCIPLINE_OFFICER, union(officers, villageMember,
                EnumSet.of(Permission.MERGE_TICKET, Permission.REJECT_TICKET, Permission.VERIFY_AUDIT)));
        // The admin runs accounts and the tree, and may check the trail, but neither reads nor acts on tickets.
        GRANTS.put(Role.ADMIN, EnumSet.of(Permission.IMPORT_ORGANISATION, Permission.VIEW_ORGANISATION, Permission.VERIFY_AUDIT));
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

    /**
     * May the actor use a ticket permission on a ticket of the village {@code villageCode} that now
     * sits at {@code ticketLevel}? Scope is tested first, so that someone outside learns nothing
     * else; reasons are short Chinese for the chat reply.
     */
    public static AccessDecision decideOnTicket(Actor actor, Permission permission, String villageCode, RegionLevel ticketLevel) {
        if (!covers(actor, villageCode)) {
            return new AccessDecision.Refused("该工单所在村 " + villageCode + " 不在你的范围内", true);
        }
        if (!GRANTS.get(actor.role()).contains(permission)) {
            return new AccessDecision.Refused(roleLabel(actor.role()) + "无权" + ticketActionLabel(permission), false);
        }
        if (!LEVEL_BOUND.contains(permission)) {
            return new AccessDecision.Granted();
        }
        if (actor.role() == Role.DISCIPLINE_OFFICER) {
            Optional<RegionLevel> own = actor.isPlatformWide() ? Optional.empty() : RegionLevel.ofCodeLength(actor.scopeCode().length());
            // RegionLevel is ordered city first: a smaller ordinal is a higher level.
            return own.isPresent() && own.get().ordinal() <= ticketLevel.ordinal() ? new AccessDecision.Granted()
                    : new AccessDecision.Refused("工单已在" + ticketLevel.label() + "，超出你的纪检监察层级", false);
        }
        Optional<RegionLevel> handled = handledLevel(actor.role());
        if (handled.isEmpty() || handled.get() != ticketLevel) {
            return new AccessDecision.Refused("工单在" + ticketLevel.label() + "，应由" + ticketLevel.label() + "干部办理", false);
        }
        return new AccessDecision.Granted();
    }

    /** The level of tickets a role handles (认领、办结、上报、定级), if any. */
    public static Optional<RegionLevel> handledLevel(Role role) {
        switch (role) {
            case VILLAGE_CADRE:
                return Optional.of(RegionLevel.VILLAGE);
            case TOWN_OFFICER:
                return Optional.of(RegionLevel.TOWN);
            case COUNTY_OFFICER:
                return Optional.of(RegionLevel.COUNTY);
            case CITY_OFFICER:
                return Optional.of(RegionLevel.CITY);
            default:
                return Optional.empty();
        }
    }


    private static String roleLabel(Role role) {
        switch (role) {
            case VILLAGER:
                return "群众";
            case VILLAGE_CADRE:
                return "村干部";
            case BOOKKEEPER:
                return "报账员";
            case RESIDENT_CADRE:
                return "驻村干部";
            case TOWN_OFFICER:
                return "镇级干部";
            case COUNTY_OFFICER:
                return "县级干部";
            case CITY_OFFICER:
                return "市级干部";
            case DISCIPLINE_OFFICER:
                return "纪检监察干部";
            default:
                return "管理员";
        }
    }

    private static String ticketActionLabel(Permission permission) {
        switch (permission) {
            case REGISTER_TICKET:
                return "登记工单";
            case HANDLE_TICKET:
                return "办理工单";
            case URGE_TICKET:
                return "催办工单";
            case RATE_TICKET:
                return "评价工单";
            case MERGE_TICKET:
                return "合并工单";
            case REJECT_TICKET:
                return "驳回工单";
            default:
                return "执行此操作";
        }
    }

    @SafeVarargs
    private static Set<Permission> union(Set<Permission>... parts) {
        Set<Permission> all = EnumSet.noneOf(Permission.class);
        for (Set<Permission> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
