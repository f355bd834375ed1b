package org.jianqun.core.ticket;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jianqun.core.access.Permission;

/**
 * The transition table of the ticket lifecycle: for every command, the states it may start from,
 * the states it may lead to, and the permission an actor needs (empty: the scheduler issues it).
 *
 * <pre>
 * command           from              to                     who
 * CLAIM             OPEN              CLAIMED                handler of the level
 * RESOLVE           CLAIMED           RESOLVED               handler of the level
 * ESCALATE (上报)    OPEN, CLAIMED     OPEN one level up      handler of the level
 * ESCALATE_OVERDUE  OPEN, CLAIMED     OPEN one level up, 督办 deadline sweep
 * SET_TIER (定级)    OPEN, CLAIMED     unchanged              handler of the level
 * URGE (催办)        OPEN, CLAIMED     unchanged              anyone of the village
 * RATE              RESOLVED          CLOSED, or CLAIMED     the complainant only
 * REMIND_RATING     RESOLVED          unchanged              rating follow-up job
 * CLOSE_UNRATED     RESOLVED          CLOSED (未评价)         rating follow-up job
 * MERGE             OPEN, CLAIMED     MERGED                 handler of the level, discipline officer
 * REJECT            OPEN, CLAIMED     REJECTED               officer of the level (town+), discipline officer
 * </pre>
 * Registration creates an OPEN ticket at village level ({@link Ticket#register}). Merging and
 * rejecting stop at RESOLVED: the complainant's rating is then owed, and a duplicate found so late
 * has already been answered.
 */
public enum TicketCommand {
    CLAIM("认领", Permission.HANDLE_TICKET, EnumSet.of(TicketState.OPEN), EnumSet.of(TicketState.CLAIMED)),
    RESOLVE("办结", Permission.HANDLE_TICKET, EnumSet.of(TicketState.CLAIMED), EnumSet.of(TicketState.RESOLVED)),
    ESCALATE("上报", Permission.HANDLE_TICKET, EnumSet.of(TicketState.OPEN, TicketState.CLAIMED), EnumSet.of(TicketState.OPEN)),
    ESCALATE_OVERDUE("超期上报", null, EnumSet.of(TicketState.OPEN, TicketState.CLAIMED), EnumSet.of(TicketState.OPEN)),
    SET_TIER("定级", Permission.HANDLE_TICKET, EnumSet.of(TicketState.OPEN, TicketState.CLAIMED), EnumSet.of(TicketState.OPEN, TicketState.CLAIMED)),
    URGE("催办", Permission.URGE_TICKET, EnumSet.of(TicketState.OPEN, TicketState.CLAIMED), EnumSet.of(TicketState.OPEN, TicketState.CLAIMED)),
    RATE("评价", Permission.RATE_TICKET, EnumSet.of(TicketState.RESOLVED), EnumSet.of(TicketState.CLOSED, TicketState.CLAIMED)),
    REMIND_RATING("再次请求评价", null, EnumSet.of(TicketState.RESOLVED), EnumSet.of(TicketState.RESOLVED)),
    CLOSE_UNRATED("按未评价结案", null, EnumSet.of(TicketState.RESOLVED), EnumSet.of(TicketState.CLOSED)),
    MERGE("合并", Permission.MERGE_TICKET, EnumSet.of(TicketState.OPEN, TicketState.CLAIMED), EnumSet.of(TicketState.MERGED)),
    REJECT("驳回", Permission.REJECT_TICKET, EnumSet.of(TicketState.OPEN, TicketState.CLAIMED), EnumSet.of(TicketState.REJECTED));

    private final String label;
    private final Permission permission;
    private final Set<TicketState> from;
    private final Set<TicketState> to;

    TicketCommand(String label, Permission permission, Set<TicketState> from, Set<TicketState> to) {
        this.label = label;
        this.permission = permission;
        this.from = Collections.unmodifiableSet(from);
        this.to = Collections.unmodifiableSet(to);
    }

    /** The Chinese verb used in replies ("不能认领"). */
    public String label() {
        return label;
    }

    /** Empty for the commands only the scheduler issues. */
    public Optional<Permission> permission() {
        return Optional.ofNullable(permission);
    }

    public Set<TicketState> from() {
        return from;
    }

    public Set<TicketState> to() {
        return to;
    }
}
