package org.jianqun.core.ticket;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jianqun.core.access.AccessDecision;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Confidentiality;
import org.jianqun.core.access.Permission;
import org.jianqun.core.access.Role;
import org.jianqun.core.access.TicketFacts;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.organisation.DivisionCode;
import org.jianqun.core.organisation.RegionLevel;

/**
 * A ticket (工单) and its lifecycle (DESIGN.md "Ticket lifecycle"), as an immutable value: every
 * command returns either the next ticket with the event that records the step, or a refusal naming
 * the rule and saying why in words; nothing is thrown for a refused command. {@link TicketCommand}
 * is the transition table; {@link AccessPolicy#decideOnTicket} decides who may act. The time is
 * always passed in ({@code now}): the ticket never reads a clock.
 *
 * <p>Deadlines are not stored: {@link TicketDeadlines} derives them from {@code arrivedAt} (reset
 * when the ticket arrives at a level) and {@code handlingFrom} (the arrival, or the reopening after
 * a 不满意: the handler gets a fresh handling period for the second attempt, otherwise a reopened
 * ticket would be swept up a level before anyone could act on the complaint).
 *
 * @param complainantId the person who raised it: the only one who may rate it
 * @param tier          一般 until someone sets it (定级)
 * @param handler       who claimed it at the current level; null while OPEN, kept after it ends
 * @param resolution    the last result; present while RESOLVED and after a rated or unrated close
 * @param ending        how it ended; present exactly in the final states
 * @param confidentiality ordinary, or a real-name report routed to one discipline office: fixed at registration
 */
public record Ticket(long no, String villageCode, long complainantId, TicketState state, RegionLevel level, Tier tier,
                     Instant registeredAt, Instant arrivedAt, Instant handlingFrom, Handler handler,
                     Resolution resolution, Ending ending, TicketCounts counts, Confidentiality confidentiality) {
    /** Bounds a result or reason: chat messages are short, and the audit trail stores every one. */
    public static final int MAX_TEXT_LENGTH = 1000;

    public Ticket {
        if (no <= 0) {
            throw new IllegalArgumentException("a ticket number is positive, not " + no);
        }
        Objects.requireNonNull(villageCode, "villageCode");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(arrivedAt, "arrivedAt");
        Objects.requireNonNull(handlingFrom, "handlingFrom");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(confidentiality, "confidentiality");
        DivisionCode.problemWithCode(villageCode, RegionLevel.VILLAGE).ifPresent(problem -> {
            throw new IllegalArgumentException("village code " + problem);
        });
        if ((state == TicketState.CLAIMED || state == TicketState.RESOLVED) && handler == null) {
            throw new IllegalArgumentException(state + " needs a handler");
        }
        if (state == TicketState.OPEN && handler != null) {
            throw new IllegalArgumentException("an OPEN ticket has no handler");
        }
        if (state == TicketState.RESOLVED && resolution == null) {
            throw new IllegalArgumentException("RESOLVED needs a resolution");
        }
        if (state.isFinal() != (ending != null)) {
            throw new IllegalArgumentException("a ticket has an ending exactly when its state is final, not " + state);
        }
        if (confidentiality instanceof Confidentiality.RoutedTo routed && !DivisionCode.covers(routed.officeCode(), villageCode)) {
            throw new IllegalArgumentException("the discipline office " + routed.officeCode() + " does not cover village " + villageCode);
        }
    }

    /**
     * A new ticket, OPEN at village level, tier 一般, its clocks starting at {@code at}. Anyone
     * whose scope covers the village may register; a villager only for themself (a cadre 登记s a
     * flagged message for its author).
     */
    public static CommandOutcome register(long no, String villageCode, long complainantId, Actor by, Instant at) {
        Objects.requireNonNull(villageCode, "villageCode");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Optional<String> badCode = DivisionCode.problemWithCode(villageCode, RegionLevel.VILLAGE);
        if (badCode.isPresent()) {
            return new CommandOutcome.Refused(TicketRule.VALID_VILLAGE_CODE, "村代码无效：" + badCode.get());
        }
        AccessDecision access = AccessPolicy.decideOnTicket(by, Permission.REGISTER_TICKET, villageCode, RegionLevel.VILLAGE);
        if (access instanceof AccessDecision.Refused) {
            return refusedByAccess((AccessDecision.Refused) access, "不能登记工单：");
        }
        if (by.role() == Role.VILLAGER && by.personId() != complainantId) {
            return new CommandOutcome.Refused(TicketRule.VILLAGERS_REPORT_FOR_THEMSELVES, "群众只能反映自己的问题，代为登记请找村干部");
        }
        Ticket ticket = new Ticket(no, villageCode, complainantId, TicketState.OPEN, RegionLevel.VILLAGE, Tier.GENERAL,
                at, at, at, null, null, null, TicketCounts.NONE, Confidentiality.ORDINARY);
        TicketEvent event = new TicketEvent(no, TicketEventType.REGISTERED, at, new Initiator.ByActor(by), null,
                ticket.position(), "登记，交村级办理");
        return new CommandOutcome.Accepted(ticket, event);
    }

    /**
     * A real-name report (实名举报) of a villager of {@code villageCode}, routed to the discipline office
     * {@code office} (the caller's routing: the town's, the county's or the city's, never the accused's):
     * OPEN at the office's level, where its office works it, tier 一般. The same people may register it as an
     * ordinary ticket; what follows differs only in who may know it ({@link AccessPolicy#mayKnow}).
     */
    public static CommandOutcome registerConfidential(long no, String villageCode, long complainantId, Confidentiality.RoutedTo office,
                                                      Actor by, Instant at) {
        Objects.requireNonNull(office, "office");
        CommandOutcome ordinary = register(no, villageCode, complainantId, by, at);
        if (!(ordinary instanceof CommandOutcome.Accepted)) {
            return ordinary;
        }
        if (!DivisionCode.covers(office.officeCode(), villageCode)) {
            return new CommandOutcome.Refused(TicketRule.OFFICE_COVERS_VILLAGE,
                    "纪检监察机关 " + office.officeCode() + " 不管辖村 " + villageCode);
        }
        Ticket ticket = new Ticket(no, villageCode, complainantId, TicketState.OPEN, office.level(), Tier.GENERAL,
                at, at, at, null, null, null, TicketCounts.NONE, office);
        TicketEvent event = new TicketEvent(no, TicketEventType.REGISTERED, at, new Initiator.ByActor(by), null,
                ticket.position(), "实名举报登记，交" + office.level().label() + "纪检监察机关办理");
        return new CommandOutcome.Accepted(ticket, event);
    }

    /** What the access policy asks of a ticket: its village, and whether it is confidential. */
    public TicketFacts facts() {
        return new TicketFacts(villageCode, confidentiality, complainantId);
    }

    public TicketPosition position() {
        return new TicketPosition(state, level);
    }

    /** 督办: escalated at least once because a deadline passed. */
    public boolean supervised() {
        return counts.overdueEscalations() > 0;
    }

    /** 认领: OPEN → CLAIMED by a handler of the ticket's level; the claimer becomes the handler. */
    public CommandOutcome claim(Actor by, Instant now) {
        Optional<CommandOutcome.Refused> refused = guard(TicketCommand.CLAIM, by);
        if (refused.isPresent()) {
            return refused.get();
        }
        Change next = change();
        next.state = TicketState.CLAIMED;
        next.handler = new Handler(by.personId(), by.displayName());
        return accept(TicketCommand.CLAIM, TicketEventType.CLAIMED, new Initiator.ByActor(by), now, next.build(), "认领");
    }

    /**
     * 办结: CLAIMED → RESOLVED with the result, which goes back to the complainant for a rating. Any
     * handler of the level may resolve, not only the claimer (a colleague may finish the work).
     */
    public CommandOutcome resolve(Actor by, String result, Instant now) {
        Optional<CommandOutcome.Refused> refused = guard(TicketCommand.RESOLVE, by)
                .or(() -> textProblem(result, "办结须写明办理结果"));
        if (refused.isPresent()) {
            return refused.get();
        }
        Change next = change();
        next.state = TicketState.RESOLVED;
        next.resolution = new Resolution(result.strip(), now, false);
        return accept(TicketCommand.RESOLVE, TicketEventType.RESOLVED, new Initiator.ByActor(by), now, next.build(),
                "办结：" + result.strip());
    }

    /** 上报: OPEN or CLAIMED → OPEN one level up, by a handler of the current level, with a reason. */
    public CommandOutcome escalate(Actor by, String reason, Instant now) {
        Optional<CommandOutcome.Refused> refused = guard(TicketCommand.ESCALATE, by)
                .or(this::cityIsTop)
                .or(() -> textProblem(reason, "上报须写明原因"));
        if (refused.isPresent()) {
            return refused.get();
        }
        Ticket after = arriveAbove(now, false);
        return accept(TicketCommand.ESCALATE, TicketEventType.ESCALATED, new Initiator.ByActor(by), now, after,
                "上报至" + after.level.label() + "：" + reason.strip());
    }

    /**
     * The deadline sweep: a ticket whose current deadline (claim while OPEN, handling while CLAIMED)
     * has passed goes OPEN one level up and is counted as escalated overdue (督办). One call moves
     * at most one level, however many deadlines were missed: arriving resets both clocks. Refused,
     * and to be left alone by the sweep, when not overdue, at the city, or without calendar data.
     */
    public CommandOutcome escalateOverdue(Instant now, WorkingDayCalendar calendar) {
        if (!TicketCommand.ESCALATE_OVERDUE.from().contains(state)) {
            return stateRefusal(TicketCommand.ESCALATE_OVERDUE);
        }
        // A provisional deadline counts like any other (DESIGN.md): escalation must not stop in January.
        CurrentDeadline.Running running = (CurrentDeadline.Running) TicketDeadlines.current(this, calendar);
        if (now.isBefore(running.due())) {
            return new CommandOutcome.Refused(TicketRule.ESCALATE_ONLY_WHEN_OVERDUE,
                    ref() + " 未超期，" + running.text());
        }
        Optional<CommandOutcome.Refused> atTop = cityIsTop();
        if (atTop.isPresent()) {
            return atTop.get();
        }
        Ticket after = arriveAbove(now, true);
        return accept(TicketCommand.ESCALATE_OVERDUE, TicketEventType.ESCALATED_OVERDUE, Initiator.ByJob.DEADLINE_SWEEP, now, after,
                "超期未" + running.kind().label() + "（期限 " + TicketDeadlines.describe(running.due()) + (running.provisional() ? "，暂定" : "") + "），自动上报至"
                        + after.level.label() + "，督办");
    }

    /** 定级: sets the tier by its word; the handling deadline follows from it. */
    public CommandOutcome setTier(Actor by, String word, Instant now) {
        Optional<CommandOutcome.Refused> refused = guard(TicketCommand.SET_TIER, by);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Tier> tierWord = Tier.fromWord(word);
        if (tierWord.isEmpty()) {
            return new CommandOutcome.Refused(TicketRule.KNOWN_TIER_WORD,
                    "未知的定级「" + (word == null ? "" : word.strip()) + "」，可选：" + Tier.ALLOWED_WORDS);
        }
        Change next = change();
        next.tier = tierWord.get();
        return accept(TicketCommand.SET_TIER, TicketEventType.TIER_SET, new Initiator.ByActor(by), now, next.build(),
                "定级：" + tierWord.get().word() + "（" + tierWord.get().workingDays() + " 个工作日）");
    }

    /** 催办: counted; the third makes the ticket red. Anyone of the village, the complainant included. */
    public CommandOutcome urge(Actor by, Instant now) {
        Optional<CommandOutcome.Refused> refused = guard(TicketCommand.URGE, by);
        if (refused.isPresent()) {
            return refused.get();
        }
        Change next = change();
        next.counts = counts.plusUrged();
        return accept(TicketCommand.URGE, TicketEventType.URGED, new Initiator.ByActor(by), now, next.build(),
                "催办（第 " + next.counts.urged() + " 次）");
    }

    /**
     * 评价, by the complainant only: 满意 / 基本满意 close the ticket as such; 不满意 sends it back to
     * CLAIMED at the same level with the same handler, counted as a reopening, its handling clock
     * restarted.
     */
    public CommandOutcome rate(Actor by, String word, Instant now) {
        Optional<CommandOutcome.Refused> refused = guard(TicketCommand.RATE, by);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (by.personId() != complainantId) {
            return new CommandOutcome.Refused(TicketRule.ONLY_COMPLAINANT_RATES, "只有反映人可以评价" + ref());
        }
        Optional<Rating> rating = Rating.fromWord(word);
        if (rating.isEmpty()) {
            return new CommandOutcome.Refused(TicketRule.KNOWN_RATING_WORD,
                    "未知的评价「" + (word == null ? "" : word.strip()) + "」，可选：" + Rating.ALLOWED_WORDS);
        }
        Initiator initiator = new Initiator.ByActor(by);
        Change next = change();
        if (rating.get() == Rating.UNSATISFIED) {
            next.state = TicketState.CLAIMED;
            next.resolution = null;
            next.handlingFrom = now;
            next.counts = counts.plusReopened();
            return accept(TicketCommand.RATE, TicketEventType.REOPENED, initiator, now, next.build(),
                    "评价：不满意，重新办理（第 " + next.counts.reopened() + " 次）");
        }
        Closure closure = rating.get() == Rating.SATISFIED ? Closure.SATISFIED : Closure.BASICALLY_SATISFIED;
        next.state = TicketState.CLOSED;
        next.ending = new Ending.Closed(closure, now);
        return accept(TicketCommand.RATE, TicketEventType.CLOSED, initiator, now, next.build(), "评价：" + closure.label() + "，结案");
    }

    /**
     * The follow-up (一回访): the rating request is repeated once, one working day after resolving.
     * The job calls this; the event tells the outbox to send the request again.
     */
    public CommandOutcome remindForRating(Instant now, WorkingDayCalendar calendar) {
        if (!TicketCommand.REMIND_RATING.from().contains(state)) {
            return stateRefusal(TicketCommand.REMIND_RATING);
        }
        if (resolution.reminded()) {
            return new CommandOutcome.Refused(TicketRule.RATING_REMINDER_ONCE_WHEN_DUE, ref() + " 已再次请求过评价");
        }
        Instant due = TicketDeadlines.ratingFollowUpDue(this, calendar).orElseThrow();
        if (now.isBefore(due)) {
            return new CommandOutcome.Refused(TicketRule.RATING_REMINDER_ONCE_WHEN_DUE,
                    ref() + " 的回访时间未到（" + TicketDeadlines.describe(due) + "）");
        }
        Change next = change();
        next.resolution = new Resolution(resolution.result(), resolution.at(), true);
        return accept(TicketCommand.REMIND_RATING, TicketEventType.RATING_REMINDED, Initiator.ByJob.RATING_FOLLOW_UP, now,
                next.build(), "再次请求反映人评价");
    }

    /** Three working days after resolving without a rating, the ticket closes as 未评价 (not as satisfied). */
    public CommandOutcome closeUnrated(Instant now, WorkingDayCalendar calendar) {
        if (!TicketCommand.CLOSE_UNRATED.from().contains(state)) {
            return stateRefusal(TicketCommand.CLOSE_UNRATED);
        }
        Instant due = TicketDeadlines.unratedCloseDue(this, calendar).orElseThrow();
        if (now.isBefore(due)) {
            return new CommandOutcome.Refused(TicketRule.UNRATED_AFTER_RATING_PERIOD,
                    ref() + " 的评价期到 " + TicketDeadlines.describe(due) + " 才满");
        }
        Change next = change();
        next.state = TicketState.CLOSED;
        next.ending = new Ending.Closed(Closure.UNRATED, now);
        return accept(TicketCommand.CLOSE_UNRATED, TicketEventType.CLOSED, Initiator.ByJob.RATING_FOLLOW_UP, now, next.build(),
                TicketDeadlines.RATING_PERIOD_WORKING_DAYS + " 个工作日未评价，按未评价结案");
    }

    /**
     * Merges this duplicate into {@code into}, a live ticket of the same village (a duplicate is the
     * same matter raised twice; tickets of other villages are other matters, and other scopes).
     */
    public CommandOutcome merge(Actor by, Ticket into, Instant now) {
        Objects.requireNonNull(into, "into");
        Optional<CommandOutcome.Refused> refused = guard(TicketCommand.MERGE, by);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (into.no == no) {
            return new CommandOutcome.Refused(TicketRule.MERGE_TARGET_VALID, ref() + " 不能合并到自身");
        }
        if (!into.villageCode.equals(villageCode)) {
            return new CommandOutcome.Refused(TicketRule.MERGE_TARGET_VALID, "只能合并到同村的工单，" + into.ref() + " 属于其他村");
        }
        if (into.state.isFinal()) {
            return new CommandOutcome.Refused(TicketRule.MERGE_TARGET_VALID, into.ref() + " " + into.state.label() + "，不能并入");
        }
        if (!into.confidentiality.equals(confidentiality)) {
            // Complainants follow the surviving ticket: a reporter would hear of a public one in a group, or
            // a group's complainants of a report, so a real-name report merges only with its own office's.
            return new CommandOutcome.Refused(TicketRule.MERGE_TARGET_VALID, "实名举报只能与同一纪检监察机关的实名举报合并");
        }
        Change next = change();
        next.state = TicketState.MERGED;
        next.ending = new Ending.Merged(into.no, now);
        return accept(TicketCommand.MERGE, TicketEventType.MERGED, new Initiator.ByActor(by), now, next.build(), "合并到 #" + into.no);
    }

    /** 驳回: not a matter for the platform; the reason is told to the complainant. */
    public CommandOutcome reject(Actor by, String reason, Instant now) {
        Optional<CommandOutcome.Refused> refused = guard(TicketCommand.REJECT, by)
                .or(() -> textProblem(reason, "驳回须写明理由"));
        if (refused.isPresent()) {
            return refused.get();
        }
        Change next = change();
        next.state = TicketState.REJECTED;
        next.ending = new Ending.Rejected(reason.strip(), now);
        return accept(TicketCommand.REJECT, TicketEventType.REJECTED, new Initiator.ByActor(by), now, next.build(),
                "驳回：" + reason.strip());
    }

    /**
     * Whether the actor may know the ticket first (outside that, it learns nothing about the ticket),
     * then the state, then role and level.
     */
    private Optional<CommandOutcome.Refused> guard(TicketCommand command, Actor by) {
        Objects.requireNonNull(by, "by");
        AccessDecision access = AccessPolicy.decideOnTicket(by, command.permission().orElseThrow(), facts(), level);
        String prefix = "不能" + command.label() + ref() + "：";
        if (access instanceof AccessDecision.Refused && ((AccessDecision.Refused) access).outOfScope()) {
            return Optional.of(refusedByAccess((AccessDecision.Refused) access, prefix));
        }
        if (!command.from().contains(state)) {
            return Optional.of(stateRefusal(command));
        }
        if (access instanceof AccessDecision.Refused) {
            return Optional.of(refusedByAccess((AccessDecision.Refused) access, prefix));
        }
        return Optional.empty();
    }

    private static CommandOutcome.Refused refusedByAccess(AccessDecision.Refused access, String prefix) {
        return new CommandOutcome.Refused(access.outOfScope() ? TicketRule.ACTOR_IN_SCOPE : TicketRule.ROLE_FITS_TICKET_LEVEL,
                prefix + access.reason());
    }

    private CommandOutcome.Refused stateRefusal(TicketCommand command) {
        return new CommandOutcome.Refused(TicketRule.STATE_ALLOWS_COMMAND, ref() + " " + state.label() + "，不能" + command.label());
    }

    private Optional<CommandOutcome.Refused> cityIsTop() {
        return level.above().isPresent() ? Optional.empty()
                : Optional.of(new CommandOutcome.Refused(TicketRule.CITY_IS_TOP, ref() + " 已在市级，无法再上报"));
    }

    private static Optional<CommandOutcome.Refused> textProblem(String text, String whenMissing) {
        if (text == null || text.isBlank()) {
            return Optional.of(new CommandOutcome.Refused(TicketRule.TEXT_GIVEN, whenMissing));
        }
        String stripped = text.strip();
        if (stripped.codePointCount(0, stripped.length()) > MAX_TEXT_LENGTH) {
            return Optional.of(new CommandOutcome.Refused(TicketRule.TEXT_GIVEN, "内容过长，最多 " + MAX_TEXT_LENGTH + " 字"));
        }
        return Optional.empty();
    }

    /** Arrival at the next level: OPEN, no handler, both clocks restarted. */
    private Ticket arriveAbove(Instant now, boolean overdue) {
        Change next = change();
        next.state = TicketState.OPEN;
        next.level = level.above().orElseThrow();
        next.handler = null;
        next.arrivedAt = now;
        next.handlingFrom = now;
        next.counts = counts.plusEscalated(overdue);
        return next.build();
    }

    private CommandOutcome accept(TicketCommand command, TicketEventType type, Initiator by, Instant at, Ticket after, String detail) {
        Objects.requireNonNull(at, "now");
        if (!command.to().contains(after.state)) {
            // The table in TicketCommand is the contract; a method that strays from it is a bug.
            throw new IllegalStateException(command + " may not lead to " + after.state);
        }
        return new CommandOutcome.Accepted(after, new TicketEvent(no, type, at, by, position(), after.position(), detail));
    }

    private String ref() {
        return "工单 #" + no;
    }


    private Change change() {
        return new Change(this);
    }

    /** A mutable copy for building the next ticket; the record's constructor checks the result. */
    private static final class Change {
        private final long no;
        private final String villageCode;
        private final long complainantId;
        private TicketState state;
        private RegionLevel level;
        private Tier tier;
        private final Instant registeredAt;
        private Instant arrivedAt;
        private Instant handlingFrom;
        private Handler handler;
        private Resolution resolution;
        private Ending ending;
        private TicketCounts counts;
        private final Confidentiality confidentiality;

        Change(Ticket t) {
            no = t.no;
            villageCode = t.villageCode;
            complainantId = t.complainantId;
            state = t.state;
            level = t.level;
            tier = t.tier;
            registeredAt = t.registeredAt;
            arrivedAt = t.arrivedAt;
            handlingFrom = t.handlingFrom;
            handler = t.handler;
            resolution = t.resolution;
            ending = t.ending;
            counts = t.counts;
            confidentiality = t.confidentiality;
        }

        Ticket build() {
            return new Ticket(no, villageCode, complainantId, state, level, tier, registeredAt, arrivedAt, handlingFrom,
                    handler, resolution, ending, counts, confidentiality);
        }
    }
}
