package org.jianqun.core.polls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.organisation.DivisionCode;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.Broadcast;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.core.ticket.TicketDeadlines;

/**
 * Polls (民意调查): a town or county officer creates one for their scope or a part of it (DESIGN.md item 4) and it is
 * announced, with its mini-program link, into every villagers' group of the scope (a POLL broadcast through the
 * outbox, once per poll and village); the scope's villagers vote once each; results by village. Blocking.
 */
public final class Polls {
    public static final int MAX_QUESTION = 200;
    public static final int MAX_OPTIONS = 20;
    public static final int MAX_OPTION = 100;
    public static final int MAX_COMMENT = 500;
    public static final Duration MAX_OPEN = Duration.ofDays(92);
    /** The mini-program page a poll's announcement links to. */
    public static final String MINIAPP_PAGE = "pages/polls/detail?id=";
    private static final int LIST_LIMIT = 50;
    private static final int COMMENTS_SHOWN = 50;

    private final Database database;
    private final Clock clock;

    public Polls(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        database.addMapper(PollMapper.class);
    }

    public PollOutcome<Poll> create(Actor by, PollDraft d) {
        Instant now = clock.instant();
        if (!AccessPolicy.decide(by, Permission.RUN_POLLS).granted()) {
            return PollOutcome.refused(PollProblem.NOT_PERMITTED, null, "只有镇级、县级干部可以发起民意调查");
        }
        String question = d.question() == null ? "" : d.question().strip();
        if (question.isEmpty() || question.codePointCount(0, question.length()) > MAX_QUESTION) {
            return PollOutcome.refused(PollProblem.INVALID_POLL, "question", "请填写调查问题（最多 " + MAX_QUESTION + " 字）");
        }
        Optional<ChoiceKind> kind = ChoiceKind.fromWire(d.kind());
        if (kind.isEmpty()) {
            return PollOutcome.refused(PollProblem.INVALID_POLL, "kind", "选择方式须为 single（单选）或 multiple（多选）");
        }
        List<String> options = d.options() == null ? List.of() : d.options().stream().map(o -> o == null ? "" : o.strip()).toList();
        if (options.size() < 2 || options.size() > MAX_OPTIONS) {
            return PollOutcome.refused(PollProblem.INVALID_POLL, "options", "选项须有 2 至 " + MAX_OPTIONS + " 个");
        }
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (o.isEmpty() || o.codePointCount(0, o.length()) > MAX_OPTION) {
                return PollOutcome.refused(PollProblem.INVALID_POLL, "options[" + i + "]", "每个选项 1 至 " + MAX_OPTION + " 字");
            }
        }
        if (new HashSet<>(options).size() != options.size()) {
            return PollOutcome.refused(PollProblem.INVALID_POLL, "options", "选项不能重复");
        }
        Optional<ResultsShown> shown = ResultsShown.fromWire(d.resultsShown() == null ? "after_closing" : d.resultsShown());
        if (shown.isEmpty()) {
            return PollOutcome.refused(PollProblem.INVALID_POLL, "resultsShown", "结果公布方式须为 live（实时）或 after_closing（截止后）");
        }
        if (d.opensAt() == null || d.closesAt() == null || !d.opensAt().isBefore(d.closesAt())) {
            return PollOutcome.refused(PollProblem.INVALID_POLL, "closesAt", "截止时间须晚于开始时间");
        }
        if (!d.closesAt().isAfter(now)) {
            return PollOutcome.refused(PollProblem.INVALID_POLL, "closesAt", "截止时间已过");
        }
        if (Duration.between(d.opensAt(), d.closesAt()).compareTo(MAX_OPEN) > 0) {
            return PollOutcome.refused(PollProblem.INVALID_POLL, "closesAt", "一次调查最长 " + MAX_OPEN.toDays() + " 天");
        }
        String scope = d.scopeCode() == null ? "" : d.scopeCode().strip();
        return database.inTransaction(s -> {
            Region region = s.getMapper(RegionMapper.class).find(scope);
            if (region == null || region.level() == RegionLevel.CITY) {
                return PollOutcome.<Poll>refused(PollProblem.INVALID_POLL, "scopeCode", "调查范围须为一个已有的村、镇或县（区划代码）");
            }
            if (!AccessPolicy.decide(by, Permission.RUN_POLLS, scope).granted()) {
                return PollOutcome.<Poll>refused(PollProblem.NOT_PERMITTED, "scopeCode", "调查范围 " + scope + " 不在你的管辖范围内");
            }
            PollMapper mapper = s.getMapper(PollMapper.class);
            PollMapper.NewPoll row = new PollMapper.NewPoll();
            row.question = question;
            row.kind = kind.get().name();
            row.commentAllowed = d.commentAllowed();
            row.scopeCode = scope;
            row.opensAt = d.opensAt();
            row.closesAt = d.closesAt();
            row.resultsShown = shown.get().name();
            row.createdBy = by.personId();
            row.createdAt = now;
            mapper.insert(row);
            for (int i = 0; i < options.size(); i++) {
                mapper.insertOption(row.getId(), i + 1, options.get(i));
            }
            Poll poll = new Poll(row.getId(), question, kind.get(), options, d.commentAllowed(), scope, d.opensAt(), d.closesAt(),
                    shown.get(), by.personId());
            announce(s, poll, villagesOf(s, region), now);
            return new PollOutcome.Done<>(poll);
        });
    }

    /** The announcement, once per village (a retried creation cannot send twice: the request key is the poll and village). */
    private static void announce(SqlSession s, Poll poll, List<String> villages, Instant now) {
        String text = "【民意调查】" + poll.question() + "（" + (poll.kind() == ChoiceKind.SINGLE ? "单选" : "多选") + "，"
                + TicketDeadlines.describe(poll.opensAt()) + " 至 " + TicketDeadlines.describe(poll.closesAt()) + "）请在小程序中参与："
                + MINIAPP_PAGE + poll.id();
        for (String village : villages) {
            Outbox.requestOnce(s, now, "poll-" + poll.id() + "-" + village, "POLL", OutboxMessage.toVillagers(village, Broadcast.POLL, text));
        }
    }

    private static List<String> villagesOf(SqlSession s, Region region) {
        List<String> out = new ArrayList<>();
        if (region.level() == RegionLevel.VILLAGE) {
            out.add(region.code());
            return out;
        }
        for (Region child : s.getMapper(RegionMapper.class).children(region.code())) {
            out.addAll(villagesOf(s, child));
        }
        return out;
    }

    /**
     * A villager as the polls know them: a person and their home village (empty until they chose one), the mini-program's
     * user; a poll's scope is decided by that village alone.
     */
    public record Voter(long personId, Optional<String> homeVillage) {
    }

    /** The polls a villager of {@code villageCode} may take part in (their village's, town's, county's) that have opened. */
    public List<Poll> forVillager(Voter voter) {
        Optional<String> village = voter.homeVillage();
        if (village.isEmpty()) {
            return List.of();
        }
        String v = village.get();
        return database.read(s -> s.getMapper(PollMapper.class).forVillage(v, v.substring(0, 9), v.substring(0, 6), clock.instant(), LIST_LIMIT)
                .stream().map(row -> poll(s, row)).toList());
    }

    /** A voter's view of one poll: the poll, their own choices (if they voted), the results if the poll shows them now. */
    public record VoterView(Poll poll, Poll.Phase phase, boolean inScope, List<Integer> myChoices, Optional<PollResults> results) {
    }

    public Optional<VoterView> forVoter(Voter voter, long id) {
        Instant now = clock.instant();
        return database.read(s -> {
            PollMapper.PollRow row = s.getMapper(PollMapper.class).find(id);
            if (row == null || now.isBefore(row.opensAt())) {
                // A poll not yet open is not yet announced: as if not there.
                return Optional.<VoterView>empty();
            }
            Poll poll = poll(s, row);
            boolean inScope = voter.homeVillage().map(poll::covers).orElse(false);
            String mine = s.getMapper(PollMapper.class).choicesOf(id, voter.personId());
            Optional<PollResults> results = poll.resultsVisibleToVoters(now) ? Optional.of(results(s, poll, true)) : Optional.empty();
            return Optional.of(new VoterView(poll, poll.phase(now), inScope, mine == null ? List.of() : parseChoices(mine), results));
        });
    }

    /**
     * One vote per voter and poll: in scope (their home village lies in the poll's), while open, valid choices, a comment
     * only if the poll takes one. {@code verdict} is the content check's word on the comment, asked by the caller
     * before this call (PENDING when it could not be asked); only a passed comment is ever shown to other villagers.
     */
    public PollOutcome<List<Integer>> vote(Voter voter, long id, List<Integer> choices, String comment, CommentVerdict verdict) {
        Instant now = clock.instant();
        Optional<String> village = voter.homeVillage().filter(v -> v.length() == RegionLevel.VILLAGE.codeLength());
        if (village.isEmpty()) {
            return PollOutcome.refused(PollProblem.NO_HOME_VILLAGE, null, "请先选择所在村，再参与调查");
        }
        try {
            return database.inTransaction(s -> {
                PollMapper mapper = s.getMapper(PollMapper.class);
                PollMapper.PollRow row = mapper.find(id);
                if (row == null) {
                    return PollOutcome.<List<Integer>>refused(PollProblem.NOT_FOUND, null, "没有找到该调查");
                }
                Poll poll = poll(s, row);
                if (!poll.covers(village.get())) {
                    return PollOutcome.<List<Integer>>refused(PollProblem.OUTSIDE_SCOPE, null, "该调查面向其他地区的群众，你所在的村不在调查范围内");
                }
                Poll.Phase phase = poll.phase(now);
                if (phase == Poll.Phase.NOT_YET_OPEN) {
                    return PollOutcome.<List<Integer>>refused(PollProblem.NOT_YET_OPEN, null, "调查尚未开始，" + TicketDeadlines.describe(poll.opensAt()) + " 开始");
                }
                if (phase == Poll.Phase.CLOSED) {
                    return PollOutcome.<List<Integer>>refused(PollProblem.CLOSED, null, "调查已于 " + TicketDeadlines.describe(poll.closesAt()) + " 截止");
                }
                Optional<String> problem = choiceProblem(poll, choices);
                if (problem.isPresent()) {
                    return PollOutcome.<List<Integer>>refused(PollProblem.INVALID_CHOICES, "choices", problem.get());
                }
                String text = comment == null || comment.isBlank() ? null : comment.strip();
                if (text != null && !poll.commentAllowed()) {
                    return PollOutcome.<List<Integer>>refused(PollProblem.INVALID_CHOICES, "comment", "该调查不收集留言");
                }
                if (text != null && text.codePointCount(0, text.length()) > MAX_COMMENT) {
                    return PollOutcome.<List<Integer>>refused(PollProblem.INVALID_CHOICES, "comment", "留言最多 " + MAX_COMMENT + " 字");
                }
                if (mapper.choicesOf(id, voter.personId()) != null) {
                    return PollOutcome.<List<Integer>>refused(PollProblem.ALREADY_VOTED, null, "你已参与过这次调查，每人只能投一次");
                }
                List<Integer> sorted = choices.stream().sorted().toList();
                mapper.insertVote(id, voter.personId(), village.get(), sorted.stream().map(String::valueOf).collect(Collectors.joining(",")),
                        text, text == null ? null : verdict.wire(), now);
                return new PollOutcome.Done<>(sorted);
            });
        } catch (PersistenceException e) {
            // Two votes of one voter at once: the primary key lets one in; the other is the second vote.
            if (database.read(s -> s.getMapper(PollMapper.class).choicesOf(id, voter.personId())) != null) {
                return PollOutcome.refused(PollProblem.ALREADY_VOTED, null, "你已参与过这次调查，每人只能投一次");
            }
            throw e;
        }
    }

    /** An officer's page of the polls under their scope, newest first. */
    public PollOutcome<List<Poll>> underScope(Actor by, Long before, int limit) {
        if (!AccessPolicy.decide(by, Permission.RUN_POLLS).granted()) {
            return PollOutcome.refused(PollProblem.NOT_PERMITTED, null, "只有镇级、县级干部可以查看民意调查结果");
        }
        return new PollOutcome.Done<>(database.read(s -> s.getMapper(PollMapper.class).underScope(by.scopeCode(), before, limit)
                .stream().map(row -> poll(s, row)).toList()));
    }

    /** Results by village for an officer whose scope covers the poll's (or lies in it: a town's officer reads a county poll's). */
    public PollOutcome<Map.Entry<Poll, PollResults>> resultsFor(Actor by, long id) {
        if (!AccessPolicy.decide(by, Permission.RUN_POLLS).granted()) {
            return PollOutcome.refused(PollProblem.NOT_PERMITTED, null, "只有镇级、县级干部可以查看民意调查结果");
        }
        return database.read(s -> {
            PollMapper.PollRow row = s.getMapper(PollMapper.class).find(id);
            if (row == null || !(AccessPolicy.covers(by, row.scopeCode()) || (by.scopeCode() != null && DivisionCode.covers(row.scopeCode(), by.scopeCode())))) {
                return PollOutcome.<Map.Entry<Poll, PollResults>>refused(PollProblem.NOT_FOUND, null, "没有找到该调查");
            }
            Poll poll = poll(s, row);
            PollResults all = results(s, poll, false);
            if (!AccessPolicy.covers(by, poll.scopeCode())) {
                // A town officer reading a county-wide poll sees the villages of their own town.
                Map<String, PollResults.VillageCount> own = new TreeMap<>();
                all.byVillage().forEach((v, c) -> {
                    if (AccessPolicy.covers(by, v)) {
                        own.put(v, c);
                    }
                });
                all = new PollResults(all.voters(), all.perOption(), own,
                        all.comments().stream().filter(c -> AccessPolicy.covers(by, c.villageCode())).toList());
            }
            return new PollOutcome.Done<>(Map.entry(poll, all));
        });
    }

    private static PollResults results(SqlSession s, Poll poll, boolean forVoters) {
        PollMapper mapper = s.getMapper(PollMapper.class);
        int n = poll.options().size();
        long[] total = new long[n];
        long voters = 0;
        Map<String, long[]> perVillage = new TreeMap<>();
        Map<String, Long> votersPerVillage = new TreeMap<>();
        for (PollMapper.VoteCount c : mapper.counts(poll.id())) {
            voters += c.n();
            votersPerVillage.merge(c.villageCode(), c.n(), Long::sum);
            long[] village = perVillage.computeIfAbsent(c.villageCode(), k -> new long[n]);
            for (int choice : parseChoices(c.choices())) {
                if (choice >= 1 && choice <= n) {
                    total[choice - 1] += c.n();
                    village[choice - 1] += c.n();
                }
            }
        }
        Map<String, PollResults.VillageCount> byVillage = new TreeMap<>();
        perVillage.forEach((v, counts) -> byVillage.put(v, new PollResults.VillageCount(votersPerVillage.get(v), boxed(counts))));
        List<PollResults.Comment> comments = mapper.comments(poll.id(), forVoters, COMMENTS_SHOWN).stream()
                .map(c -> new PollResults.Comment(c.villageCode(), c.comment(), CommentVerdict.valueOf(c.verdict().toUpperCase(java.util.Locale.ROOT))))
                .toList();
        return new PollResults(voters, boxed(total), forVoters ? Map.of() : byVillage, comments);
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static Optional<String> choiceProblem(Poll poll, List<Integer> choices) {
        if (choices == null || choices.isEmpty()) {
            return Optional.of("请至少选择一项");
        }
        if (poll.kind() == ChoiceKind.SINGLE && choices.size() != 1) {
            return Optional.of("这是单选题，只能选一项");
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer c : choices) {
            if (c == null || c < 1 || c > poll.options().size()) {
                return Optional.of("选项须为 1 至 " + poll.options().size() + " 的序号");
            }
            if (!seen.add(c)) {
                return Optional.of("同一选项不能选两次");
            }
        }
        return Optional.empty();
    }

    private static List<Integer> parseChoices(String text) {
        return Arrays.stream(text.split(",")).filter(p -> !p.isBlank()).map(Integer::valueOf).toList();
    }

    private static Poll poll(SqlSession s, PollMapper.PollRow row) {
        return new Poll(row.id(), row.question(), ChoiceKind.valueOf(row.kind()), s.getMapper(PollMapper.class).options(row.id()),
                row.commentAllowed(), row.scopeCode(), row.opensAt(), row.closesAt(), ResultsShown.valueOf(row.resultsShown()), row.createdBy());
    }
}
