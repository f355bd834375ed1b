package org.jianqun.core.desk;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.access.Role;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditRow;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.audit.AuditMapper;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.CommandOutcome;
import org.jianqun.core.ticket.CurrentDeadline;
import org.jianqun.core.ticket.Initiator;
import org.jianqun.core.ticket.Ticket;
import org.jianqun.core.ticket.TicketDeadlines;
import org.jianqun.core.ticket.TicketEvent;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.core.ticket.TicketWarnings;
import org.jianqun.core.ticket.Warning;
import org.jianqun.core.ticket.WarningColour;

/**
 * Where a ticket command becomes a stored fact. Each command runs in one transaction: lock the
 * ticket row, let the domain {@link Ticket} decide, then write the new row, its audit entries
 * (refusals too) and the outbox messages about it together. Every caller — console, chat, sweeper —
 * comes through here. Blocking: call from a worker thread.
 */
public final class TicketDesk {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TicketDesk.class);
    /** How long a ticket the sweep cannot handle is set aside before it is tried again. */
    static final java.time.Duration SET_ASIDE = java.time.Duration.ofHours(1);
    /** A complaint's text is bounded like any chat input; the rest of a long voice transcript stays in the archive. */
    public static final int MAX_CONTENT_LENGTH = 2000;
    static final String NOT_FOUND_RULE = "TICKET_EXISTS";
    private static final int DUPLICATE_WINDOW = 200;

    private final Database database;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    public TicketDesk(Database database, WorkingDayCalendar calendar, Clock clock) {
        this.database = database;
        this.calendar = calendar;
        this.clock = clock;
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    /** Registers a complaint of {@code complainantId} for a village; a near-identical live ticket there is linked as a possible duplicate. */
    public DeskResult register(Actor by, String villageCode, long complainantId, String content, Via via, String originGroupId) {
        return database.inTransaction(s -> in(s).register(by, villageCode, complainantId, content, via, originGroupId));
    }

    private DeskResult register(SqlSession s, Actor by, String villageCode, long complainantId, String content, Via via, String originGroupId) {
        Instant now = clock.instant();
        String text = content == null ? "" : content.strip();
        String problem = text.isEmpty() ? "反映内容不能为空"
                : text.codePointCount(0, text.length()) > MAX_CONTENT_LENGTH ? "反映内容过长，最多 " + MAX_CONTENT_LENGTH + " 字" : null;
        if (problem == null) {
            Region village = villageCode == null ? null : s.getMapper(RegionMapper.class).find(villageCode);
            if (village == null || village.level() != RegionLevel.VILLAGE) {
                problem = "村 " + villageCode + " 不存在";
            }
        }
        if (problem != null) {
            return refuse(s, by, via, now, null, "REGISTER", AuditTrail.chainOf(villageCode), "VALID_COMPLAINT", problem, false);
        }
        TicketMapper tickets = s.getMapper(TicketMapper.class);
        TicketMapper.NumberHolder number = new TicketMapper.NumberHolder();
        tickets.allocateNumber(number);
        CommandOutcome outcome = Ticket.register(number.getValue(), villageCode, complainantId, by, now);
        if (outcome instanceof CommandOutcome.Refused refused) {
            return refuse(s, by, via, now, null, "REGISTER", AuditTrail.chainOf(villageCode), refused.rule().name(), refused.reason(), false);
        }
        CommandOutcome.Accepted accepted = (CommandOutcome.Accepted) outcome;
        Long duplicateOf = closestLiveTicket(tickets, villageCode, text);
        Ticket ticket = accepted.ticket();
        Warning warning = TicketWarnings.assess(ticket, now, calendar);
        TicketRow row = TicketRow.of(ticket, new TicketRow.Origin(text, via.wireName(), originGroupId, false), warning.colour(),
                duplicateOf, DueTimes.next(ticket, now, calendar), 0);
        tickets.insert(row);
        tickets.addComplainant(row.no(), complainantId, row.no());
        String detail = accepted.event().detail() + (duplicateOf == null ? "" : "；疑似与 #" + duplicateOf + " 重复");
        TicketEvent event = new TicketEvent(row.no(), accepted.event().type(), now, accepted.event().by(), null, accepted.event().after(), detail);
        AuditTrail.append(s, entry(event, row.villageCode(), via, AuditEntry.ACCEPTED));
        Notices.of(event, row, List.of(complainantId), deadlineText(ticket))
                .forEach(m -> Outbox.enqueue(s, now, row.no(), event.type().name(), m));
        return new DeskResult.Done(row, event);
    }

    public DeskResult claim(long no, Actor by, Via via) {
        return database.inTransaction(s -> in(s).claim(no, by, via));
    }

    public DeskResult resolve(long no, Actor by, String result, Via via) {
        return database.inTransaction(s -> in(s).resolve(no, by, result, via));
    }

    public DeskResult escalate(long no, Actor by, String reason, Via via) {
        return database.inTransaction(s -> in(s).escalate(no, by, reason, via));
    }

    public DeskResult setTier(long no, Actor by, String word, Via via) {
        return database.inTransaction(s -> in(s).setTier(no, by, word, via));
    }

    public DeskResult urge(long no, Actor by, Via via) {
        return database.inTransaction(s -> in(s).urge(no, by, via));
    }

    public DeskResult rate(long no, Actor by, String word, Via via) {
        return database.inTransaction(s -> in(s).rate(no, by, word, via));
    }

    public DeskResult reject(long no, Actor by, String reason, Via via) {
        return database.inTransaction(s -> in(s).reject(no, by, reason, via));
    }

    /** 合并: {@code no} goes into {@code intoNo}; its complainants join the surviving ticket and hear its outcome. */
    public DeskResult merge(long no, long intoNo, Actor by, Via via) {
        return database.inTransaction(s -> in(s).merge(no, intoNo, by, via));
    }

    private DeskResult merge(SqlSession s, long no, long intoNo, Actor by, Via via) {
        Instant now = clock.instant();
        TicketMapper tickets = s.getMapper(TicketMapper.class);
        // Both rows locked, lower number first: two merges of the same pair cannot deadlock.
        TicketRow first = tickets.lock(Math.min(no, intoNo));
        TicketRow second = no == intoNo ? first : tickets.lock(Math.max(no, intoNo));
        TicketRow row = no <= intoNo ? first : second;
        TicketRow into = no <= intoNo ? second : first;
        if (row == null || !AccessPolicy.covers(by, row.villageCode())) {
            return notFound(s, by, via, now, no, "MERGE");
        }
        if (into == null || !AccessPolicy.covers(by, into.villageCode())) {
            return notFound(s, by, via, now, intoNo, "MERGE");
        }
        CommandOutcome outcome = row.toTicket().merge(by, into.toTicket(), now);
        if (outcome instanceof CommandOutcome.Refused refused) {
            return refuse(s, by, via, now, no, "MERGE", AuditTrail.chainOf(row.villageCode()), refused.rule().name(), refused.reason(), false);
        }
        List<Long> joining = tickets.complainants(no);
        List<Long> already = tickets.complainants(intoNo);
        for (Long person : joining) {
            if (!already.contains(person)) {
                tickets.addComplainant(intoNo, person, no);
            }
        }
        return store(s, row, (CommandOutcome.Accepted) outcome, via, now, joining);
    }

    private DeskResult act(SqlSession s, long no, Actor by, Via via, String command, BiFunction<Ticket, Instant, CommandOutcome> decide) {
        Instant now = clock.instant();
        TicketRow row = s.getMapper(TicketMapper.class).lock(no);
        if (row == null || !AccessPolicy.covers(by, row.villageCode())) {
            return notFound(s, by, via, now, no, command);
        }
        CommandOutcome outcome = decide.apply(row.toTicket(), now);
        if (outcome instanceof CommandOutcome.Refused refused) {
            return refuse(s, by, via, now, no, command, AuditTrail.chainOf(row.villageCode()), refused.rule().name(), refused.reason(), false);
        }
        return store(s, row, (CommandOutcome.Accepted) outcome, via, now, s.getMapper(TicketMapper.class).complainants(no));
    }

    /**
     * The same commands inside a transaction the caller already holds, so that a command and the
     * caller's own writes (the gateway marking a chat message processed, say) commit together.
     */
    public Within in(SqlSession session) {
        return new Within(session);
    }

    /** {@link TicketDesk}'s commands within one caller's transaction. */
    public final class Within {
        private final SqlSession s;

        private Within(SqlSession session) {
            this.s = session;
        }

        public DeskResult register(Actor by, String villageCode, long complainantId, String content, Via via, String originGroupId) {
            return TicketDesk.this.register(s, by, villageCode, complainantId, content, via, originGroupId);
        }

        public DeskResult merge(long no, long intoNo, Actor by, Via via) {
            return TicketDesk.this.merge(s, no, intoNo, by, via);
        }

        public DeskResult claim(long no, Actor by, Via via) {
            return act(s, no, by, via, "CLAIM", (t, now) -> t.claim(by, now));
        }

        public DeskResult resolve(long no, Actor by, String result, Via via) {
            return act(s, no, by, via, "RESOLVE", (t, now) -> t.resolve(by, result, now));
        }

        public DeskResult escalate(long no, Actor by, String reason, Via via) {
            return act(s, no, by, via, "ESCALATE", (t, now) -> t.escalate(by, reason, now));
        }

        public DeskResult setTier(long no, Actor by, String word, Via via) {
            return act(s, no, by, via, "SET_TIER", (t, now) -> t.setTier(by, word, now));
        }

        public DeskResult urge(long no, Actor by, Via via) {
            return act(s, no, by, via, "URGE", (t, now) -> t.urge(by, now));
        }

        public DeskResult rate(long no, Actor by, String word, Via via) {
            return act(s, no, by, via, "RATE", (t, now) -> t.rate(by, word, now));
        }

        public DeskResult reject(long no, Actor by, String reason, Via via) {
            return act(s, no, by, via, "REJECT", (t, now) -> t.reject(by, reason, now));
        }
    }

    /** What the deadline sweep did with one pass. */
    public record SweepReport(int looked, int escalated, int reminded, int closedUnrated, int recoloured) {
        SweepReport plus(SweepReport o) {
            return new SweepReport(looked + o.looked, escalated + o.escalated, reminded + o.reminded,
                    closedUnrated + o.closedUnrated, recoloured + o.recoloured);
        }
    }

    /**
     * One pass of the deadline sweep over at most {@code limit} tickets that are due now (by index):
     * escalate the overdue one level, repeat the rating request, close the unrated, recolour warnings.
     * The rows are locked and re-read first, so a ticket another sweeper just handled is left alone.
     */
    public SweepReport sweep(int limit) {
        Instant now = clock.instant();
        List<Long> due = database.read(s -> s.getMapper(TicketMapper.class).due(now, limit));
        if (due.isEmpty()) {
            return new SweepReport(0, 0, 0, 0, 0);
        }
        try {
            return database.inBatchTransaction(s -> sweepLocked(s, due, now));
        } catch (RuntimeException batchFailed) {
            // One bad row must not stall every deadline behind it: sweep one at a time, and set aside
            // (logged, looked at again in an hour) whichever ticket still fails on its own.
            LOG.error("sweeping {} due tickets together failed; sweeping them one by one", due.size(), batchFailed);
            SweepReport total = new SweepReport(0, 0, 0, 0, 0);
            for (long no : due) {
                try {
                    total = total.plus(database.inBatchTransaction(s -> sweepLocked(s, List.of(no), now)));
                } catch (RuntimeException e) {
                    LOG.error("ticket #{} cannot be swept; it is looked at again in {}", no, SET_ASIDE, e);
                    database.inTransaction(s -> s.getMapper(TicketMapper.class).postpone(no, now.plus(SET_ASIDE)));
                }
            }
            return total;
        }
    }

    private SweepReport sweepLocked(SqlSession s, List<Long> due, Instant now) {
        TicketMapper tickets = s.getMapper(TicketMapper.class);
        List<TicketRow> rows = tickets.lockAll(due.stream().sorted().toList());
        Map<Long, List<Long>> complainants = new HashMap<>();
        tickets.complainantsOf(due).forEach(c -> complainants.computeIfAbsent(c.ticketNo(), k -> new ArrayList<>()).add(c.personId()));
        int escalated = 0;
        int reminded = 0;
        int closed = 0;
        int recoloured = 0;
        List<Stored> stored = new ArrayList<>();
        for (TicketRow row : rows) {
            if (row.nextDueAt() == null || row.nextDueAt().isAfter(now)) {
                continue; // another sweeper got here first
            }
            Ticket ticket = row.toTicket();
            Optional<CommandOutcome.Accepted> step = Optional.empty();
            if (ticket.state() == TicketState.OPEN || ticket.state() == TicketState.CLAIMED) {
                step = accepted(ticket.escalateOverdue(now, calendar));
                if (step.isPresent()) {
                    escalated++;
                }
            } else if (ticket.state() == TicketState.RESOLVED) {
                step = accepted(ticket.closeUnrated(now, calendar));
                if (step.isPresent()) {
                    closed++;
                } else {
                    step = accepted(ticket.remindForRating(now, calendar));
                    if (step.isPresent()) {
                        reminded++;
                    }
                }
            }
            Ticket after = step.map(CommandOutcome.Accepted::ticket).orElse(ticket);
            Stored result = next(row, after, step.map(CommandOutcome.Accepted::event).orElse(null), Via.SYSTEM, now,
                    complainants.getOrDefault(row.no(), List.of()));
            if (result.recoloured()) {
                recoloured++;
            }
            stored.add(result);
        }
        write(s, stored, now);
        return new SweepReport(rows.size(), escalated, reminded, closed, recoloured);
    }

    private static Optional<CommandOutcome.Accepted> accepted(CommandOutcome outcome) {
        return outcome instanceof CommandOutcome.Accepted a ? Optional.of(a) : Optional.empty();
    }

    private DeskResult store(SqlSession s, TicketRow before, CommandOutcome.Accepted accepted, Via via, Instant now, List<Long> complainants) {
        Stored result = next(before, accepted.ticket(), accepted.event(), via, now, complainants);
        write(s, List.of(result), now);
        return new DeskResult.Done(result.row(), accepted.event());
    }

    /** The new row of a ticket after a step (or just the passing of time), with its audit entries and messages. */
    private record Stored(TicketRow row, List<AuditEntry> audit, List<OutboxMessage> messages, TicketEvent event, boolean recoloured) {
    }

    private Stored next(TicketRow before, Ticket after, TicketEvent event, Via via, Instant now, List<Long> complainants) {
        Warning warning = TicketWarnings.assess(after, now, calendar);
        TicketRow row = TicketRow.of(after, before.origin(), warning.colour(), before.possibleDuplicateOf(),
                DueTimes.next(after, now, calendar), before.version());
        List<AuditEntry> audit = new ArrayList<>();
        List<OutboxMessage> messages = new ArrayList<>();
        if (event != null) {
            audit.add(entry(event, row.villageCode(), via, AuditEntry.ACCEPTED));
            messages.addAll(Notices.of(event, row, complainants, deadlineText(after)));
        }
        boolean recoloured = warning.colour() != before.warning();
        if (recoloured) {
            audit.add(new AuditEntry(AuditTrail.chainOf(row.villageCode()), now, row.no(), "WARNING", AuditEntry.ACCEPTED,
                    Initiator.ByJob.DEADLINE_SWEEP.describe(), null, Via.SYSTEM.wireName(), before.warning().name(), warning.colour().name(),
                    "预警：" + warning.colour().wireName() + (warning.reasons().isEmpty() ? "" : "（" + String.join("；", warning.reasons()) + "）")));
            if (warning.colour() == WarningColour.RED) {
                messages.add(Notices.red(row, String.join("；", warning.reasons())));
            }
        }
        return new Stored(row, audit, messages, event, recoloured);
    }

    private static void write(SqlSession s, List<Stored> results, Instant now) {
        TicketMapper tickets = s.getMapper(TicketMapper.class);
        List<AuditEntry> audit = new ArrayList<>();
        results.forEach(r -> audit.addAll(r.audit()));
        AuditTrail.appendAll(s, audit);
        // All updates, then all messages: under the sweep's BATCH executor each run of one statement is one JDBC
        // batch (one round trip with rewriteBatchedStatements), where alternating them cost two round trips a ticket.
        for (Stored r : results) {
            tickets.update(r.row());
        }
        for (Stored r : results) {
            String type = r.event() == null ? "WARNING" : r.event().type().name();
            r.messages().forEach(m -> Outbox.enqueue(s, now, r.row().no(), type, m));
        }
    }

    private String deadlineText(Ticket ticket) {
        CurrentDeadline deadline = TicketDeadlines.current(ticket, calendar);
        if (deadline instanceof CurrentDeadline.Running running) {
            return running.kind().label() + "期限 " + TicketDeadlines.describe(running.due());
        }
        if (deadline instanceof CurrentDeadline.Unknown unknown) {
            return "期限暂无法计算（" + unknown.problem() + "）";
        }
        return "无期限";
    }

    private Long closestLiveTicket(TicketMapper tickets, String villageCode, String text) {
        Long best = null;
        double bestScore = NearDuplicates.THRESHOLD;
        for (TicketMapper.NoAndContent live : tickets.liveOfVillage(villageCode, DUPLICATE_WINDOW)) {
            double score = NearDuplicates.similarity(text, live.content());
            if (score >= bestScore) {
                best = live.no();
                bestScore = score;
            }
        }
        return best;
    }

    private static DeskResult notFound(SqlSession s, Actor by, Via via, Instant now, long no, String command) {
        return refuse(s, by, via, now, null, command, AuditTrail.chainOf(by.scopeCode()), NOT_FOUND_RULE,
                "没有找到工单 #" + no + "（或不在你的范围内）", true);
    }

    /** A refusal changes nothing but is itself audited (who tried what, and why not). */
    private static DeskResult refuse(SqlSession s, Actor by, Via via, Instant now, Long no, String command, String chain,
                                     String rule, String reason, boolean notFound) {
        AuditTrail.append(s, new AuditEntry(chain, now, no, command, AuditEntry.REFUSED, new Initiator.ByActor(by).describe(),
                by.role().wireName(), via.wireName(), null, null, rule + "：" + reason));
        return new DeskResult.Refused(rule, reason, notFound);
    }

    private static AuditEntry entry(TicketEvent event, String villageCode, Via via, String outcome) {
        String role = event.by() instanceof Initiator.ByActor actor ? actor.actor().role().wireName() : null;
        return new AuditEntry(AuditTrail.chainOf(villageCode), event.at(), event.ticketNo(), event.type().name(), outcome,
                event.by().describe(), role, via.wireName(),
                event.before() == null ? null : event.before().state() + "@" + event.before().level().wireName(),
                event.after().state() + "@" + event.after().level().wireName(), event.detail());
    }

    /** A ticket as an officer sees it: the row, everyone who raised it, and its trail. */
    public record TicketView(TicketRow row, List<Long> complainants, List<AuditRow> events, Warning warning, CurrentDeadline deadline) {
    }

    /**
     * The ticket if the actor may read it: in scope, and (when confidential) a discipline officer.
     * Each look at a confidential (real-name) ticket is itself written to the audit trail.
     */
    public Optional<TicketView> view(long no, Actor by, Via via) {
        Instant now = clock.instant();
        Optional<TicketView> view = database.read(s -> {
            TicketRow row = s.getMapper(TicketMapper.class).find(no);
            if (row == null || !mayRead(by, row)) {
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


    /**
     * 进度: what anyone of the ticket's village may know of it (not only officers): its state, level,
     * handler, deadline and accepted steps. Confidential tickets are never shown this way.
     */
    public Optional<TicketView> progress(long no, Actor by) {
        Instant now = clock.instant();
        return database.read(s -> {
            TicketRow row = s.getMapper(TicketMapper.class).find(no);
            if (row == null || row.confidential() || !AccessPolicy.covers(by, row.villageCode())) {
                return Optional.empty();
            }
            Ticket ticket = row.toTicket();
            List<AuditRow> steps = s.getMapper(AuditMapper.class).ofTicket(no).stream()
                    .filter(e -> e.outcome().equals(AuditEntry.ACCEPTED) && !e.type().equals("WARNING")).toList();
            return Optional.of(new TicketView(row, List.of(), steps, TicketWarnings.assess(ticket, now, calendar),
                    TicketDeadlines.current(ticket, calendar)));
        });
    }

    /**
     * A page of the tickets in the actor's scope (newest first), optionally narrowed to a village, state or level.
     * Everything the actor may not read is filtered out by the query itself, so a short page means the last one.
     */
    public List<TicketRow> page(Actor by, String villageCode, TicketState state, RegionLevel level, Long beforeNo, int limit) {
        String prefix = villageCode != null ? villageCode : by.isPlatformWide() ? "" : by.scopeCode();
        if (!AccessPolicy.decide(by, Permission.VIEW_TICKETS).granted() || !AccessPolicy.covers(by, prefix)) {
            return List.of();
        }
        boolean withConfidential = by.role() == Role.DISCIPLINE_OFFICER;
        List<TicketRow> rows = database.read(s -> s.getMapper(TicketMapper.class).page(prefix,
                state == null ? null : state.name(), level == null ? null : level.name(), beforeNo, withConfidential, limit));
        return rows.stream().filter(r -> mayRead(by, r)).toList();
    }

    static boolean mayRead(Actor by, TicketRow row) {
        if (!AccessPolicy.decide(by, Permission.VIEW_TICKETS, row.villageCode()).granted()) {
            return false;
        }
        return !row.confidential() || by.role() == Role.DISCIPLINE_OFFICER;
    }
}
