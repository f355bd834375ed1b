package org.jianqun.core.clues;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Confidentiality;
import org.jianqun.core.access.Permission;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.desk.Via;
import org.jianqun.core.patrol.FlaggedMessages;
import org.jianqun.core.patrol.PatrolMapper;
import org.jianqun.core.patrol.TicketStepSource;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.Initiator;
import org.jianqun.core.ticket.WarningColour;

/**
 * 线索库: the discipline officers' clues — made from a ticket, a flagged message, a ticket's orange or red warning
 * (so from any patrol item, in one step) or by hand; valued 高/中/低; moved through {@link ClueTransitions};
 * linked to each other. Whether a caller may know a clue is {@link AccessPolicy#mayKnowClue}'s alone (and a clue
 * the caller may not know is answered as a missing one); every change, and every refused step, is an audit
 * event in the office's county chain, with no ticket number (a ticket's timeline must not tell its readers
 * that a clue was made of it). Blocking: call from a worker thread.
 */
public final class ClueLibrary {
    public static final int MAX_SUMMARY_LENGTH = 2_000;
    public static final int MAX_NOTE_LENGTH = 1_000;

    private final Database database;
    private final FlaggedMessages messages;
    private final Clock clock;

    public ClueLibrary(Database database, FlaggedMessages messages, Clock clock) {
        this.database = database;
        this.messages = messages;
        this.clock = clock;
        database.addMapper(ClueMapper.class);
        database.addMapper(PatrolMapper.class);
    }

    /** A clue as its page shows it: the row, the clues it is linked to that the caller may know, and its steps. */
    public record ClueView(Clue clue, List<LinkedClue> links, List<ClueMapper.Step> steps) {
    }

    public record LinkedClue(Clue clue, ClueMapper.Link link) {
    }

    /** What a source resolves to: the clue's village (if any), and the office a confidential ticket's clue inherits. */
    private record Resolved(String villageCode, Optional<Confidentiality.RoutedTo> confidentialOffice) {
    }

    public ClueOutcome create(Actor by, ClueOrigin origin, String summary, ClueValue value) {
        if (!AccessPolicy.decide(by, Permission.PATROL).granted() || by.isPlatformWide()) {
            throw new IllegalStateException("only a discipline officer keeps clues; the route checks the role first");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return database.inTransaction(s -> {
            Resolved resolved;
            switch (origin.kind()) {
                case MANUAL -> resolved = new Resolved(null, Optional.empty());
                case MESSAGE -> {
                    Optional<FlaggedMessages.FlaggedMessage> message = number(origin.ref()).flatMap(messages::find)
                            .filter(m -> AccessPolicy.covers(by, m.villageCode()));
                    if (message.isEmpty()) {
                        return new ClueOutcome.BadSource("source.ref", "没有找到你范围内的被标记消息 " + origin.ref());
                    }
                    resolved = new Resolved(message.get().villageCode(), Optional.empty());
                }
                default -> {
                    Optional<TicketRow> ticket = number(origin.ref()).map(no -> s.getMapper(TicketMapper.class).find(no))
                            .filter(row -> AccessPolicy.mayKnow(by, row.facts()) && AccessPolicy.covers(by, row.villageCode()));
                    if (ticket.isEmpty()) {
                        return new ClueOutcome.BadSource("source.ref", "没有找到工单 #" + origin.ref());
                    }
                    if (origin.kind() == ClueOrigin.Kind.WARNING && !warned(s, ticket.get().no())) {
                        return new ClueOutcome.BadSource("source.ref", "工单 #" + origin.ref() + " 没有橙色或红色预警");
                    }
                    resolved = new Resolved(ticket.get().villageCode(), ticket.get().confidentiality() instanceof Confidentiality.RoutedTo r
                            ? Optional.of(r) : Optional.empty());
                }
            }
            // A clue of a real-name report is held by the report's office (the caller's, as only that office knows the report).
            String office = resolved.confidentialOffice().map(Confidentiality.RoutedTo::officeCode).orElse(by.scopeCode());
            Clue draft = new Clue(0, office, resolved.confidentialOffice().isPresent(), origin.kind(), origin.ref(), resolved.villageCode(),
                    summary, value, ClueStatus.PENDING, by.personId(), by.displayName(), now, now);
            ClueMapper.NewClue created = new ClueMapper.NewClue(draft);
            ClueMapper mapper = s.getMapper(ClueMapper.class);
            mapper.insert(created);
            long id = created.getId();
            mapper.insertStep(id, now, by.personId(), by.displayName(), "CREATED", null, ClueStatus.PENDING, value, null);
            audit(s, by, office, now, "CLUE_CREATED", AuditEntry.ACCEPTED, null, ClueStatus.PENDING,
                    "线索 #" + id + " 登记（来源 " + origin.kind().wireName() + (origin.ref() == null ? "" : ":" + origin.ref())
                            + "，价值" + value.word() + "）：" + summary);
            return new ClueOutcome.Done(view(s, by, mapper.find(id)));
        });
    }

    /** A step of the clue: a new status (by the rules), a new value, a note — any of them, in one audited change. */
    public ClueOutcome change(Actor by, long id, Optional<ClueStatus> status, Optional<ClueValue> value, Optional<String> note) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return database.inTransaction(s -> {
            ClueMapper mapper = s.getMapper(ClueMapper.class);
            Clue clue = mapper.lock(id);
            if (clue == null || !AccessPolicy.mayKnowClue(by, clue.office(), clue.confidentiality())) {
                return new ClueOutcome.NotFound(id);
            }
            if (status.isPresent()) {
                Optional<ClueRule> refusal = ClueTransitions.refusal(clue.status(), status.get(), note.isPresent());
                if (refusal.isPresent()) {
                    String reason = ClueTransitions.explain(refusal.get(), clue.status(), status.get());
                    audit(s, by, clue.office(), now, "CLUE_CHANGED", AuditEntry.REFUSED, clue.status(), status.get(),
                            "线索 #" + id + " " + refusal.get().name() + "：" + reason);
                    return new ClueOutcome.Refused(refusal.get(), reason);
                }
            }
            ClueStatus newStatus = status.orElse(clue.status());
            ClueValue newValue = value.orElse(clue.clueValue());
            String type = newStatus != clue.status() ? "STATUS" : newValue != clue.clueValue() ? "VALUE" : "NOTE";
            mapper.update(id, newStatus, newValue, now);
            mapper.insertStep(id, now, by.personId(), by.displayName(), type, clue.status(), newStatus, newValue, note.orElse(null));
            audit(s, by, clue.office(), now, "CLUE_CHANGED", AuditEntry.ACCEPTED, clue.status(), newStatus,
                    "线索 #" + id + " " + clue.status().word() + "→" + newStatus.word() + "，价值" + clue.clueValue().word() + "→" + newValue.word()
                            + note.map(n -> "；" + n).orElse(""));
            return new ClueOutcome.Done(view(s, by, mapper.find(id)));
        });
    }

    /** Links two clues, both of which the caller may know; a link is shown on both clues. */
    public ClueOutcome link(Actor by, long id, long other, Optional<String> note) {
        if (id == other) {
            return new ClueOutcome.Refused(ClueRule.LINK_TO_ITSELF, "线索不能关联自身");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long low = Math.min(id, other);
        long high = Math.max(id, other);
        return database.inTransaction(s -> {
            ClueMapper mapper = s.getMapper(ClueMapper.class);
            // Locked in id order, so that two links between the same clues never deadlock.
            Clue first = mapper.lock(low);
            Clue second = mapper.lock(high);
            for (Clue c : new Clue[] {first, second}) {
                if (c == null || !AccessPolicy.mayKnowClue(by, c.office(), c.confidentiality())) {
                    return new ClueOutcome.NotFound(c == null ? (c == first ? low : high) : c.id());
                }
            }
            if (mapper.linkCount(low, high) > 0) {
                return new ClueOutcome.Refused(ClueRule.LINK_EXISTS, "线索 #" + id + " 与 #" + other + " 已关联");
            }
            mapper.insertLink(low, high, now, new Initiator.ByActor(by).describe(), note.orElse(null));
            for (Clue c : new Clue[] {first, second}) {
                long to = c.id() == low ? high : low;
                mapper.insertStep(c.id(), now, by.personId(), by.displayName(), "LINKED", null, null, null,
                        "关联线索 #" + to + note.map(n -> "：" + n).orElse(""));
                audit(s, by, c.office(), now, "CLUE_LINKED", AuditEntry.ACCEPTED, null, null, "线索 #" + c.id() + " 关联 #" + to
                        + note.map(n -> "：" + n).orElse(""));
            }
            return new ClueOutcome.Done(view(s, by, mapper.find(id)));
        });
    }

    public ClueOutcome unlink(Actor by, long id, long other) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long low = Math.min(id, other);
        long high = Math.max(id, other);
        return database.inTransaction(s -> {
            ClueMapper mapper = s.getMapper(ClueMapper.class);
            Clue first = mapper.lock(low);
            Clue second = mapper.lock(high);
            for (Clue c : new Clue[] {first, second}) {
                if (c == null || !AccessPolicy.mayKnowClue(by, c.office(), c.confidentiality())) {
                    return new ClueOutcome.NotFound(c == null ? (c == first ? low : high) : c.id());
                }
            }
            if (mapper.deleteLink(low, high) == 0) {
                return new ClueOutcome.NotFound(other);
            }
            for (Clue c : new Clue[] {first, second}) {
                long to = c.id() == low ? high : low;
                mapper.insertStep(c.id(), now, by.personId(), by.displayName(), "UNLINKED", null, null, null, "取消关联线索 #" + to);
                audit(s, by, c.office(), now, "CLUE_UNLINKED", AuditEntry.ACCEPTED, null, null, "线索 #" + c.id() + " 取消关联 #" + to);
            }
            return new ClueOutcome.Done(view(s, by, mapper.find(id)));
        });
    }

    /** The clue with its links and steps, if the caller may know it. */
    public Optional<ClueView> view(Actor by, long id) {
        return database.read(s -> {
            Clue clue = s.getMapper(ClueMapper.class).find(id);
            if (clue == null || !AccessPolicy.mayKnowClue(by, clue.office(), clue.confidentiality())) {
                return Optional.<ClueView>empty();
            }
            return Optional.of(view(s, by, clue));
        });
    }

    /** A page of the clues the caller may know within their scope, newest first. */
    public List<Clue> page(Actor by, Optional<ClueStatus> status, Optional<ClueValue> value, Long before, int limit) {
        if (by.role() != org.jianqun.core.access.Role.DISCIPLINE_OFFICER || by.isPlatformWide()) {
            return List.of();
        }
        return database.read(s -> s.getMapper(ClueMapper.class).page(by.scopeCode(), by.scopeCode(), status.orElse(null), value.orElse(null),
                        before, limit)).stream()
                .filter(c -> AccessPolicy.mayKnowClue(by, c.office(), c.confidentiality())).toList();
    }

    private static ClueView view(SqlSession s, Actor by, Clue clue) {
        ClueMapper mapper = s.getMapper(ClueMapper.class);
        List<LinkedClue> links = mapper.links(clue.id()).stream()
                .map(l -> new LinkedClue(mapper.find(l.other()), l))
                .filter(l -> l.clue() != null && AccessPolicy.mayKnowClue(by, l.clue().office(), l.clue().confidentiality()))
                .toList();
        return new ClueView(clue, links, mapper.steps(clue.id()));
    }

    private static boolean warned(SqlSession s, long no) {
        PatrolMapper patrol = s.getMapper(PatrolMapper.class);
        return patrol.step(no, TicketStepSource.WARNING_STEP, WarningColour.ORANGE.name(), null) != null
                || patrol.step(no, TicketStepSource.WARNING_STEP, WarningColour.RED.name(), null) != null;
    }

    private static Optional<Long> number(String ref) {
        return ref != null && ref.matches("[1-9]\\d{0,17}") ? Optional.of(Long.parseLong(ref)) : Optional.empty();
    }

    private static void audit(SqlSession s, Actor by, String office, Instant now, String type, String outcome, ClueStatus before,
                              ClueStatus after, String detail) {
        String text = detail.codePointCount(0, detail.length()) <= 4_000 ? detail : detail.substring(0, detail.offsetByCodePoints(0, 3_999)) + "…";
        AuditTrail.append(s, new AuditEntry(AuditTrail.chainOf(office), now, null, type, outcome, new Initiator.ByActor(by).describe(),
                by.role().wireName(), Via.CONSOLE.wireName(), before == null ? null : before.name(), after == null ? null : after.name(), text));
    }
}
