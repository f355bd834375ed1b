package org.jianqun.core.desk;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.access.Role;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditMapper;
import org.jianqun.core.audit.AuditRow;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.CurrentDeadline;
import org.jianqun.core.ticket.Initiator;
import org.jianqun.core.ticket.Ticket;
import org.jianqun.core.ticket.TicketCommand;
import org.jianqun.core.ticket.TicketDeadlines;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.core.ticket.TicketWarnings;
import org.jianqun.core.ticket.Warning;

/**
 * Reading tickets: one ticket, its progress, a page of a scope. Each asks {@link AccessPolicy#mayKnow}
 * (what the actor may not know is not there, told as for a missing ticket); the console's reading
 * needs {@code VIEW_TICKETS} besides. Read models (statistics) go beside this class, not onto the desk.
 * Blocking: call from a worker thread.
 */
public final class TicketQueries {
    private final Database database;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    public TicketQueries(Database database, WorkingDayCalendar calendar, Clock clock) {
        this.database = database;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * May the actor know the ticket, asking through {@code via}? Through a chat channel the answer lands in
     * a group, which everyone in it reads; elsewhere only the actor does. Every command and read asks this.
     */
    public static boolean mayKnow(Actor by, Via via, TicketRow row) {
        return via.answersInAGroup() ? AccessPolicy.mayKnowInAGroup(by, row.facts()) : AccessPolicy.mayKnow(by, row.facts());
    }

    /**
     * May the actor run {@code command} on the ticket: they may know it, or they are its reporter rating it from the
     * mini-program (a confidential ticket is otherwise unknown to its reporter: {@link AccessPolicy#mayFollowAsReporter}).
     */
    static boolean mayCommand(Actor by, Via via, TicketRow row, TicketCommand command) {
        return mayKnow(by, via, row)
                || via == Via.MINIAPP && command == TicketCommand.RATE && AccessPolicy.mayFollowAsReporter(by, row.facts());
    }

    /** May the actor read the ticket in the console (its content, its trail)? */
    public static boolean mayRead(Actor by, TicketRow row) {
        return AccessPolicy.decide(by, Permission.VIEW_TICKETS, row.villageCode()).granted() && AccessPolicy.mayKnow(by, row.facts());
    }

    /** A ticket as an officer sees it: the row, everyone who raised it, and its trail. */
    public record TicketView(TicketRow row, List<Long> complainants, List<AuditRow> events, Warning warning, CurrentDeadline deadline) {
    }

    /** The ticket if the actor may read it. Each look at a confidential (real-name) ticket is itself written to the audit trail. */
    public Optional<TicketView> view(long no, Actor by, Via via) {
        Instant now = clock.instant();
        Optional<TicketView> view = database.read(s -> {
            TicketRow row = s.getMapper(TicketMapper.class).find(no);
            if (row == null || !mayKnow(by, via, row) || !mayRead(by, row)) {
                return Optional.<TicketView>empty();
            }
            Ticket ticket = row.toTicket();
            return Optional.of(new TicketView(row, s.getMapper(TicketMapper.class).complainants(no),
                    s.getMapper(AuditMapper.class).ofTicket(no), TicketWarnings.assess(ticket, now, calendar),
                    TicketDeadlines.current(ticket, calendar)));
        });
        view.filter(v -> v.row().confidential()).ifPresent(v -> database.inTransaction(s -> {
            AuditTrail.append(s, new AuditEntry(AuditTrail.chainOf(v.row().villageCode()), now, no, "VIEWED_CONFIDENTIAL",
                    AuditEntry.ACCEPTED, new Initiator.ByActor(by).describe(), by.role().wireName(), via.wireName(), null, null,
                    "查看实名举报"));
            return null;
        }));
        return view;
    }

    /** {@link #progress(SqlSession, long, Actor, Via)} in a read of its own. */
    public Optional<TicketView> progress(long no, Actor by, Via via) {
        return database.read(s -> progress(s, no, by, via));
    }

    /**
     * 进度: what anyone of the ticket's village may know of it (not only officers): its state, level,
     * handler, deadline and accepted steps; within the caller's transaction (the chat's processing).
     */
    public Optional<TicketView> progress(SqlSession s, long no, Actor by, Via via) {
        TicketRow row = s.getMapper(TicketMapper.class).find(no);
        return row == null ? Optional.empty() : progress(s, row, by, via);
    }

    /** {@link #progress(SqlSession, long, Actor, Via)} of a row the caller has just read (in {@code s}): one query fewer. */
    public Optional<TicketView> progress(SqlSession s, TicketRow row, Actor by, Via via) {
        return progress(row, by, via, () -> acceptedSteps(s, row.no()));
    }

    /**
     * As {@link #progress(SqlSession, TicketRow, Actor, Via)}, its steps ({@link #acceptedSteps}) from {@code steps},
     * asked only when the actor may know the ticket: a reader that keeps them by the row's version reads them once.
     */
    public Optional<TicketView> progress(TicketRow row, Actor by, Via via, Supplier<List<AuditRow>> steps) {
        Instant now = clock.instant();
        if (!mayKnow(by, via, row)) {
            return Optional.empty();
        }
        Ticket ticket = row.toTicket();
        return Optional.of(new TicketView(row, List.of(), steps.get(), TicketWarnings.assess(ticket, now, calendar),
                TicketDeadlines.current(ticket, calendar)));
    }

    /** The ticket's accepted steps, warnings left out, oldest first. */
    public static List<AuditRow> acceptedSteps(SqlSession s, long no) {
        return s.getMapper(AuditMapper.class).ofTicket(no).stream()
                .filter(e -> e.outcome().equals(AuditEntry.ACCEPTED) && !e.type().equals("WARNING")).toList();
    }

    /**
     * A page of the tickets in the actor's scope (newest first), optionally narrowed to a village, state or level.
     * What the actor may not know is left out by the query itself (an office's discipline officers get its
     * confidential tickets, nobody else any), so a short page means the last one.
     */
    public List<TicketRow> page(Actor by, String villageCode, TicketState state, RegionLevel level, Long beforeNo, int limit) {
        String prefix = villageCode != null ? villageCode : by.isPlatformWide() ? "" : by.scopeCode();
        if (!AccessPolicy.decide(by, Permission.VIEW_TICKETS).granted() || !AccessPolicy.covers(by, prefix)) {
            return List.of();
        }
        // The SQL form of AccessPolicy.mayKnow: only a discipline officer may know confidential tickets, those of their own office.
        String office = by.role() == Role.DISCIPLINE_OFFICER ? by.scopeCode() : null;
        List<TicketRow> rows = database.read(s -> s.getMapper(TicketMapper.class).page(prefix,
                state == null ? null : state.name(), level == null ? null : level.name(), beforeNo, office, limit));
        return rows.stream().filter(r -> mayRead(by, r)).toList();
    }
}
