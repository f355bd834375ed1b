package org.jianqun.core.desk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.Map;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.AccessDecision;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.access.Confidentiality;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.category.Category;
import org.jianqun.core.category.CategoryList;
import org.jianqun.core.category.CategoryMapper;
import org.jianqun.core.category.ComplaintWords;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.statistics.TicketTally;
import org.jianqun.core.ticket.CommandOutcome;
import org.jianqun.core.ticket.Initiator;
import org.jianqun.core.ticket.Ticket;
import org.jianqun.core.ticket.TicketEvent;
import org.jianqun.core.ticket.TicketEventType;
import org.jianqun.core.ticket.TicketRule;
import org.jianqun.core.ticket.TicketWarnings;
import org.jianqun.core.ticket.Warning;

/**
 * Where a ticket command becomes a stored fact. Each command runs in one transaction: lock the
 * ticket row, ask whether the actor may know it (else it does not exist for them), let the domain
 * {@link Ticket} decide, then write the new row, its audit entries (refusals too) and the outbox
 * messages about it together. Every caller — console, chat, mini-program — comes through
 * {@link #execute}; the deadline sweep is {@link DeadlineSweep}, reading is {@link TicketQueries}.
 * Blocking: call from a worker thread.
 */
public final class TicketDesk {
    /** A complaint's text is bounded like any chat input; the rest of a long voice transcript stays in the archive. */
    public static final int MAX_CONTENT_LENGTH = 2000;
    private static final int DUPLICATE_WINDOW = 200;
    /**
     * Bigrams kept of tickets already read for the duplicate check, by ticket number, at most this many in all (about
     * 8 bytes each): a registration held its text against the village's 200 newest live tickets by reading and
     * splitting every one of their texts again, which grew with the village's open tickets to most of a registration's
     * cost (BENCHMARKS.md, mini-program). Safe to keep: a ticket's text never changes. Filled only from committed
     * rows read back, never from a registration in progress (a rolled-back one could hand its number to another text).
     */
    static final long KNOWN_GRAMS = 4_000_000;
    private final Cache<Long, NearDuplicates.Grams> knownGrams = Caffeine.newBuilder().maximumWeight(KNOWN_GRAMS)
            .weigher((Long no, NearDuplicates.Grams g) -> 4 + g.size()).build();

    private final Database database;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final TicketSteps steps;
    private final ComplaintWords words;

    public TicketDesk(Database database, WorkingDayCalendar calendar, Clock clock) {
        this.database = database;
        this.calendar = calendar;
        this.clock = clock;
        this.steps = new TicketSteps(calendar, new VillageNames());
        this.words = new ComplaintWords();
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    /** Runs the command in a transaction of its own. */
    public DeskResult execute(DeskCommand command, Actor by, Via via) {
        return database.inTransaction(s -> in(s).execute(command, by, via));
    }

    /**
     * The desk inside a transaction the caller already holds, so that a command and the caller's own
     * writes (the gateway marking a chat message processed, say) commit together.
     */
    public Within in(SqlSession session) {
        return new Within(session);
    }

    /** {@link TicketDesk#execute} within one caller's transaction. */
    public final class Within {
        private final SqlSession s;

        private Within(SqlSession session) {
            this.s = session;
        }

        public DeskResult execute(DeskCommand command, Actor by, Via via) {
            Instant now = clock.instant();
            if (command instanceof DeskCommand.Register r) {
                return register(s, by, via, now, r.villageCode(), r.complainantId(), r.content(), r.originGroupId(), Confidentiality.ORDINARY);
            }
            if (command instanceof DeskCommand.RegisterConfidential r) {
                return registerConfidential(s, by, via, now, r);
            }
            if (command instanceof DeskCommand.Merge m) {
                return merge(s, m, by, via, now);
            }
            if (command instanceof DeskCommand.Categorise c) {
                return categorise(s, c, by, via, now);
            }
            return act(s, (DeskCommand.OnTicket) command, by, via, now);
        }
    }

    private DeskResult act(SqlSession s, DeskCommand.OnTicket command, Actor by, Via via, Instant now) {
        TicketMapper tickets = s.getMapper(TicketMapper.class);
        TicketRow row = tickets.lock(command.no());
        if (row == null || !TicketQueries.mayCommand(by, via, row, command.command())) {
            return TicketSteps.notFound(s, by, via, now, command.no(), command.auditName());
        }
        CommandOutcome outcome = command.decide(row.toTicket(), by, now);
        if (outcome instanceof CommandOutcome.Refused refused) {
            return TicketSteps.refuse(s, by, via, now, row.no(), command.auditName(), AuditTrail.chainOf(row.villageCode()),
                    refused.rule(), refused.reason());
        }
        return store(s, row, (CommandOutcome.Accepted) outcome, via, now, tickets.complainants(row.no()));
    }

    private DeskResult merge(SqlSession s, DeskCommand.Merge command, Actor by, Via via, Instant now) {
        long no = command.no();
        long intoNo = command.into();
        TicketMapper tickets = s.getMapper(TicketMapper.class);
        // Both rows locked, lower number first: two merges of the same pair cannot deadlock.
        TicketRow first = tickets.lock(Math.min(no, intoNo));
        TicketRow second = no == intoNo ? first : tickets.lock(Math.max(no, intoNo));
        TicketRow row = no <= intoNo ? first : second;
        TicketRow into = no <= intoNo ? second : first;
        // Both sides must exist for the caller: a merge must not tell that the other one is there.
        if (row == null || !TicketQueries.mayKnow(by, via, row)) {
            return TicketSteps.notFound(s, by, via, now, no, command.auditName());
        }
        if (into == null || !TicketQueries.mayKnow(by, via, into)) {
            return TicketSteps.notFound(s, by, via, now, intoNo, command.auditName());
        }
        CommandOutcome outcome = row.toTicket().merge(by, into.toTicket(), now);
        if (outcome instanceof CommandOutcome.Refused refused) {
            return TicketSteps.refuse(s, by, via, now, no, command.auditName(), AuditTrail.chainOf(row.villageCode()),
                    refused.rule(), refused.reason());
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

    private DeskResult registerConfidential(SqlSession s, Actor by, Via via, Instant now, DeskCommand.RegisterConfidential command) {
        String office = command.officeCode();
        Region region = office == null ? null : s.getMapper(RegionMapper.class).find(office);
        if (region == null || region.level() == RegionLevel.VILLAGE) {
            return TicketSteps.refuse(s, by, via, now, null, command.auditName(), AuditTrail.chainOf(command.villageCode()),
                    TicketRule.OFFICE_COVERS_VILLAGE, "纪检监察机关所在地区 " + office + " 不存在");
        }
        return register(s, by, via, now, command.villageCode(), command.complainantId(), command.content(), null,
                new Confidentiality.RoutedTo(office));
    }

    /** Registers a complaint; a near-identical live ticket of the village (of the same confidentiality) is linked as a possible duplicate. */
    private DeskResult register(SqlSession s, Actor by, Via via, Instant now, String villageCode, long complainantId, String content,
                                String originGroupId, Confidentiality confidentiality) {
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
            return TicketSteps.refuse(s, by, via, now, null, "REGISTER", AuditTrail.chainOf(villageCode), TicketRule.VALID_COMPLAINT, problem);
        }
        TicketMapper tickets = s.getMapper(TicketMapper.class);
        TicketMapper.NumberHolder number = new TicketMapper.NumberHolder();
        tickets.allocateNumber(number);
        CommandOutcome outcome = confidentiality instanceof Confidentiality.RoutedTo office
                ? Ticket.registerConfidential(number.getValue(), villageCode, complainantId, office, by, now)
                : Ticket.register(number.getValue(), villageCode, complainantId, by, now);
        if (outcome instanceof CommandOutcome.Refused refused) {
            return TicketSteps.refuse(s, by, via, now, null, "REGISTER", AuditTrail.chainOf(villageCode), refused.rule(), refused.reason());
        }
        // After the domain's own checks (scope, villagers for themselves), so a caller out of scope learns nothing of people.
        if (complainantId != by.personId()) {
            Person complainant = s.getMapper(PersonMapper.class).find(complainantId);
            if (complainant == null || !villageCode.equals(complainant.scopeCode())) {
                // One answer for a person of elsewhere and for no person: the refusal tells nobody who exists.
                return TicketSteps.refuse(s, by, via, now, null, "REGISTER", AuditTrail.chainOf(villageCode), TicketRule.COMPLAINANT_OF_VILLAGE,
                        "反映人须是本村（" + villageCode + "）的人员，或登记人本人");
            }
        }
        CommandOutcome.Accepted accepted = (CommandOutcome.Accepted) outcome;
        String office = confidentiality instanceof Confidentiality.RoutedTo routed ? routed.officeCode() : null;
        Long duplicateOf = closestLiveTicket(tickets, villageCode, office, text);
        Ticket ticket = accepted.ticket();
        Warning warning = TicketWarnings.assess(ticket, now, calendar);
        ComplaintWords.Segmented segmented = words.segmented(text);
        Category category = words.guess(segmented, CategoryList.read(s).all());
        TicketRow row = TicketRow.of(ticket, new TicketRow.Origin(text, via.wireName(), originGroupId), warning.colour(),
                duplicateOf, DueTimes.next(ticket, now, calendar), 0, category.name());
        tickets.insert(row);
        tickets.addComplainant(row.no(), complainantId, row.no());
        String detail = accepted.event().detail() + (duplicateOf == null ? "" : "；疑似与 #" + duplicateOf + " 重复");
        TicketEvent event = new TicketEvent(row.no(), accepted.event().type(), now, accepted.event().by(), null, accepted.event().after(), detail);
        AuditTrail.append(s, TicketSteps.entry(event, row.villageCode(), via));
        Notices.of(event, row, List.of(complainantId), steps.deadlineText(ticket), steps.villageName(s, row))
                .forEach(m -> Outbox.enqueue(s, now, row.no(), event.type().name(), m));
        // The read model last, after the audit head, in the order TicketSteps.write takes them: no lock cycle between writers.
        TicketTally.apply(s, TicketTally.change(null, row, calendar));
        TicketTally.addWords(s, row, words.contentWords(segmented));
        return new DeskResult.Done(row, event);
    }

    /**
     * 分类: a handler of the ticket's level (as for 定级) corrects its category to one of the list; the tally and the
     * word set move with it, its county-month's common problems are marked to be found again, and the step is audited
     * with the old and the new category.
     */
    private DeskResult categorise(SqlSession s, DeskCommand.Categorise command, Actor by, Via via, Instant now) {
        TicketRow row = s.getMapper(TicketMapper.class).lock(command.no());
        if (row == null || !TicketQueries.mayKnow(by, via, row)) {
            return TicketSteps.notFound(s, by, via, now, command.no(), command.auditName());
        }
        String chain = AuditTrail.chainOf(row.villageCode());
        AccessDecision access = AccessPolicy.decideOnTicket(by, Permission.HANDLE_TICKET, row.facts(), row.level());
        if (access instanceof AccessDecision.Refused refused) {
            return TicketSteps.refuse(s, by, via, now, row.no(), command.auditName(), chain,
                    refused.outOfScope() ? TicketRule.ACTOR_IN_SCOPE : TicketRule.ROLE_FITS_TICKET_LEVEL, "不能分类工单 #" + row.no() + "：" + refused.reason());
        }
        CategoryList list = CategoryList.read(s);
        Optional<Category> category = list.find(command.categoryWord());
        if (category.isEmpty()) {
            String word = command.categoryWord() == null ? "" : command.categoryWord().strip();
            return TicketSteps.refuse(s, by, via, now, row.no(), command.auditName(), chain, TicketRule.KNOWN_CATEGORY,
                    "未知的类别「" + (word.length() > Category.MAX_LENGTH ? word.substring(0, Category.MAX_LENGTH) + "…" : word) + "」，可选：" + list.allowedWords());
        }
        if (category.get().name().equals(row.category())) {
            return TicketSteps.refuse(s, by, via, now, row.no(), command.auditName(), chain, TicketRule.CATEGORY_CHANGES,
                    "工单 #" + row.no() + " 已是「" + row.category() + "」类");
        }
        CategoryMapper categories = s.getMapper(CategoryMapper.class);
        categories.setCategory(row.no(), category.get().name(), row.version());
        categories.setWordsCategory(row.no(), category.get().name());
        TicketRow after = row.withCategory(category.get().name());
        Ticket ticket = row.toTicket();
        TicketEvent event = new TicketEvent(row.no(), TicketEventType.CATEGORISED, now, new Initiator.ByActor(by), ticket.position(),
                ticket.position(), "分类：由「" + row.category() + "」改为「" + after.category() + "」");
        AuditTrail.append(s, TicketSteps.entry(event, row.villageCode(), via));
        List<Long> complainants = s.getMapper(TicketMapper.class).complainants(row.no());
        Notices.of(event, after, complainants, steps.deadlineText(ticket), steps.villageName(s, after))
                .forEach(m -> Outbox.enqueue(s, now, after.no(), event.type().name(), m));
        TicketTally.apply(s, TicketTally.change(row, after, calendar)); // last, as in register
        TicketTally.recategorised(s, after);
        return new DeskResult.Done(after, event);
    }

    private DeskResult store(SqlSession s, TicketRow before, CommandOutcome.Accepted accepted, Via via, Instant now, List<Long> complainants) {
        TicketSteps.Stored result = steps.next(s, before, accepted.ticket(), accepted.event(), via, now, complainants);
        TicketSteps.write(s, List.of(result), now);
        return new DeskResult.Done(result.row(), accepted.event());
    }

    /**
     * The live ticket of the village (newest first, the {@value #DUPLICATE_WINDOW} newest) most like {@code text}, at
     * or above the threshold; on a tie the older. The live ones' bigrams come from {@link #knownGrams}, their texts read
     * only for those not seen yet.
     */
    private Long closestLiveTicket(TicketMapper tickets, String villageCode, String office, String text) {
        List<Long> live = tickets.liveOfVillage(villageCode, office, DUPLICATE_WINDOW);
        if (live.isEmpty()) {
            return null;
        }
        Map<Long, NearDuplicates.Grams> grams = new HashMap<>(knownGrams.getAllPresent(live));
        if (grams.size() < live.size()) {
            List<Long> unseen = live.stream().filter(no -> !grams.containsKey(no)).toList();
            for (TicketMapper.NoAndContent t : tickets.contentsOf(unseen)) {
                NearDuplicates.Grams g = NearDuplicates.Grams.of(t.content());
                grams.put(t.no(), g);
                knownGrams.put(t.no(), g);
            }
        }
        Long best = null;
        double bestScore = NearDuplicates.THRESHOLD;
        NearDuplicates.Grams probe = NearDuplicates.Grams.of(text);
        for (long no : live) {
            NearDuplicates.Grams other = grams.get(no);
            double score = other == null ? 0 : probe.similarity(other);
            if (score >= bestScore) {
                best = no;
                bestScore = score;
            }
        }
        return best;
    }
}
