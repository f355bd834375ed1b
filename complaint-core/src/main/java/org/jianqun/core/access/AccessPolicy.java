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
 *
 * <p><b>Who may know that a ticket exists</b> ({@link #mayKnow}) comes before all of that, and every path
 * asks it — reading, listing, every command, chat replies, notices, digests, the sweep's notices:
 * <ul>
 * <li>An ordinary ticket exists for everyone whose scope covers its village.</li>
 * <li>A confidential (real-name) ticket exists only for the discipline officers whose scope <em>is</em>
 *     the office it is routed to. Not for the offices above it, nor below: the routing is the conflict
 *     shield (DESIGN.md: to the county when it accuses a town official or the town's own discipline office,
 *     to the city when it accuses a county official), and an office that saw every report below it would
 *     see the reports routed past the people it supervises. Handing a report on is a re-routing, not a
 *     wider view. Nor for its reporter here: what a reporter may see of their own report is the
 *     mini-program's (its own view of the steps), never a console ticket or a chat answer.</li>
 * <li>Wherever others read along — a reply in a chat group (all its members read it), a notice to a
 *     group or to a level's officers, a village digest — a confidential ticket does not exist for anyone,
 *     its office included ({@link #mayKnowInAGroup}, {@link #mayBeToldInGroups}): a group is never known to
 *     hold only the office (its discipline group's notices fall back to the office above when it has none).</li>
 * <li>Its office works it at whatever level it sits: claims, resolves, tiers, merges, rejects and urges
 *     it (nobody else could); only its complainant rates, as for every ticket.</li>
 * </ul>
 * A caller that may not know a ticket is answered exactly as for a ticket that is not there.
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
        handlingOfficer.add(Permission.VIEW_STATISTICS);
        GRANTS.put(Role.TOWN_OFFICER, EnumSet.copyOf(handlingOfficer));
        GRANTS.put(Role.COUNTY_OFFICER, EnumSet.copyOf(handlingOfficer));
        GRANTS.put(Role.CITY_OFFICER, EnumSet.copyOf(handlingOfficer));
        GRANTS.put(Role.DISCIPLINE_OFFICER, union(officers, villageMember,
                EnumSet.of(Permission.MERGE_TICKET, Permission.REJECT_TICKET, Permission.VERIFY_AUDIT, Permission.PATROL,
                        Permission.VIEW_STATISTICS)));
        // The admin runs accounts and the tree, and may check the trail, but neither reads nor acts on tickets.
        GRANTS.put(Role.ADMIN, EnumSet.of(Permission.IMPORT_ORGANISATION, Permission.VIEW_ORGANISATION, Permission.VERIFY_AUDIT,
                Permission.LOAD_HOLIDAYS));
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

    /** May the actor, asking for themself alone (console, mini-program), know that the ticket exists? */
    public static boolean mayKnow(Actor actor, TicketFacts ticket) {
        return known(Optional.of(actor), ticket, false);
    }

    /** May the actor ask about the ticket in a chat group, where every member reads the answer? */
    public static boolean mayKnowInAGroup(Actor actor, TicketFacts ticket) {
        return known(Optional.of(actor), ticket, true);
    }

    /** May the ticket be told to the readers of a group or of a level's notices (a notice, a digest)? */
    public static boolean mayBeToldInGroups(TicketFacts ticket) {
        return known(Optional.empty(), ticket, true);
    }

    /** The one decision; {@code asker} empty: the readers of the village's groups and of its levels' notices. */
    private static boolean known(Optional<Actor> asker, TicketFacts ticket, boolean othersReadAlong) {
        if (ticket.confidentiality() instanceof Confidentiality.RoutedTo routed) {
            return !othersReadAlong && asker.isPresent() && isOfOffice(asker.get(), routed)
                    && DivisionCode.covers(routed.officeCode(), ticket.villageCode());
        }
        return asker.isEmpty() || covers(asker.get(), ticket.villageCode());
    }

    /**
     * May the actor know that a clue (线索) of the discipline office {@code officeCode} exists? Clues are the
     * discipline officers' alone: an ordinary clue is known to its office and the offices above it (who
     * supervise); a confidential one (made from a real-name report, whose office it inherits) only to that
     * office, for the same conflict shield as the report itself. Everyone else meets it as a missing clue.
     */
    public static boolean mayKnowClue(Actor actor, String officeCode, Confidentiality confidentiality) {
        if (actor.role() != Role.DISCIPLINE_OFFICER || actor.isPlatformWide()) {
            return false;
        }
        if (confidentiality instanceof Confidentiality.RoutedTo routed) {
            return isOfOffice(actor, routed) && routed.officeCode().equals(officeCode);
        }
        return DivisionCode.covers(actor.scopeCode(), officeCode);
    }

    private static boolean isOfOffice(Actor actor, Confidentiality.RoutedTo routed) {
        return actor.role() == Role.DISCIPLINE_OFFICER && routed.officeCode().equals(actor.scopeCode());
    }

    /**
     * Whose confidential tickets count in the statistics this actor reads (totals and drill-downs alike): a discipline
     * officer's own office's — exactly the reports {@link #mayKnow} lets them know — and nobody else's, so that for a
     * town officer a real-name report is in no total and no village's row. Empty: ordinary tickets only.
     */
    public static Optional<String> confidentialCountedFor(Actor actor) {
        return actor.role() == Role.DISCIPLINE_OFFICER && !actor.isPlatformWide() ? Optional.of(actor.scopeCode()) : Optional.empty();
    }

    /**
     * May the actor use a ticket permission on this ticket, which now sits at {@code ticketLevel}? Whether
     * the actor may know it is tested first (outside it the ticket does not exist), then role and level.
     * Reasons are short Chinese for the chat reply.
     */
    public static AccessDecision decideOnTicket(Actor actor, Permission permission, TicketFacts ticket, RegionLevel ticketLevel) {
        if (ticket.confidentiality() instanceof Confidentiality.RoutedTo) {
            // Said as for a missing ticket: the reason must not tell that there is one.
            return mayKnow(actor, ticket) ? new AccessDecision.Granted() : new AccessDecision.Refused("没有找到该工单", true);
        }
        return decideOnTicket(actor, permission, ticket.villageCode(), ticketLevel);
    }

    /**
     * May the actor use a ticket permission on an ordinary ticket of the village {@code villageCode} that
     * now sits at {@code ticketLevel} (or, registering, on a new one)? Scope is tested first, so that
     * someone outside learns nothing else; reasons are short Chinese for the chat reply.
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
