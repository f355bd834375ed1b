package org.jianqun.console.tickets;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.ActorDirectory;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.desk.Via;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.console.QueryParams;
import org.jianqun.core.organisation.DivisionCode;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.Ticket;
import org.jianqun.core.ticket.TicketDeadlines;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.core.ticket.TicketWarnings;
import org.jianqun.core.ticket.Warning;
import org.jianqun.core.ticket.WarningColour;

/**
 * The officers' ticket console: {@code GET /api/v1/tickets}, {@code GET /api/v1/tickets/{no}},
 * ({@code ?state=&level=&village=&warning=}; the detail lists the {@code commands} the caller may use now),
 * {@code POST /api/v1/tickets} (register on someone's behalf) and {@code POST /api/v1/tickets/{no}/<command>}
 * for claim, resolve, escalate, tier, urge, category (分类), rate, merge and reject.
 *
 * <p>The routes authenticate and read the request into a {@link DeskCommand}; the {@link TicketDesk} decides
 * (whether the caller may know the ticket, role, scope, level, state) and audits every refusal. A refusal is
 * 409 {@code {"error":"refused","rule","message"}}; a ticket that does not exist, lies outside the caller's
 * scope or is confidential and not theirs to know is 404, the same body for each, so that nobody learns which. Reading needs {@code VIEW_TICKETS}; commands need only a login, since
 * villagers with a login may urge, rate and register too and the desk knows who may do what.
 */
public final class TicketRoutes {
    /** Commands carry a sentence or two; the biggest is a complaint of 2,000 characters. */
    public static final long BODY_LIMIT = 64 * 1024;
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** Tier and rating words are a few characters; anything longer is not a word the desk could know. */
    private static final int MAX_WORD_LENGTH = 20;
    private static final String STATES = "open|claimed|resolved|closed|merged|rejected";
    private static final String LEVELS = "village|town|county|city";
    private static final String WARNINGS = "none|yellow|orange|red";
    /** Rows a warning-filtered list looks at per request, at most (see {@link #byWarning}). */
    static final int WARNING_SCAN = 2_000;

    private final AuthService auth;
    private final TicketDesk desk;
    private final TicketQueries queries;
    private final ActorDirectory actors;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    public TicketRoutes(AuthService auth, TicketDesk desk, TicketQueries queries, ActorDirectory actors, Clock clock) {
        this.auth = auth;
        this.desk = desk;
        this.queries = queries;
        this.actors = actors;
        this.calendar = desk.calendar();
        this.clock = clock;
    }

    public void mount(Router router, BlockingWork blocking) {
        Authentication.permitted(router.get("/api/v1/tickets"), auth, blocking, Permission.VIEW_TICKETS)
                .handler(ctx -> list(ctx, blocking));
        Authentication.permitted(router.get("/api/v1/tickets/:no"), auth, blocking, Permission.VIEW_TICKETS)
                .handler(ctx -> show(ctx, blocking));
        command(router, blocking, "/api/v1/tickets", this::register);
        onTicket(router, blocking, "claim", (no, body) -> new DeskCommand.Claim(no));
        onTicket(router, blocking, "resolve", (no, body) -> new DeskCommand.Resolve(no, body.text("result", Ticket.MAX_TEXT_LENGTH)));
        onTicket(router, blocking, "escalate", (no, body) -> new DeskCommand.Escalate(no, body.text("reason", Ticket.MAX_TEXT_LENGTH)));
        onTicket(router, blocking, "tier", (no, body) -> new DeskCommand.SetTier(no, body.text("tier", MAX_WORD_LENGTH)));
        onTicket(router, blocking, "urge", (no, body) -> new DeskCommand.Urge(no));
        // 分类 from the console: {"category":"基础设施"}; the desk checks it against the stored list and audits it.
        onTicket(router, blocking, "category", (no, body) -> new DeskCommand.Categorise(no, body.text("category", MAX_WORD_LENGTH)));
        onTicket(router, blocking, "rate", (no, body) -> new DeskCommand.Rate(no, body.text("rating", MAX_WORD_LENGTH)));
        onTicket(router, blocking, "merge", (no, body) -> new DeskCommand.Merge(no, body.positiveNumber("into")));
        onTicket(router, blocking, "reject", (no, body) -> new DeskCommand.Reject(no, body.text("reason", Ticket.MAX_TEXT_LENGTH)));
    }

    private void onTicket(Router router, BlockingWork blocking, String verb, BiFunction<Long, CommandBody, DeskCommand> read) {
        command(router, blocking, "/api/v1/tickets/:no/" + verb, (ctx, work) -> onTicket(ctx, work, read));
    }

    /** The body is read (and its size bounded) before the token is looked up, as the import route does. */
    private void command(Router router, BlockingWork blocking, String path, BiConsumer<RoutingContext, BlockingWork> handler) {
        Handler<RoutingContext> run = ctx -> handler.accept(ctx, blocking);
        router.post(path)
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(Authentication.bearer(auth, blocking))
                .handler(run);
    }

    private void list(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        TicketState state = stateParam(ctx);
        RegionLevel level = levelParam(ctx);
        String village = villageParam(ctx);
        WarningColour warning = warningParam(ctx);
        Long before = QueryParams.before(ctx, "工单编号");
        int limit = QueryParams.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        blocking.run(() -> {
            Instant now = clock.instant();
            JsonArray tickets = new JsonArray();
            if (warning == null) {
                // One more than asked: if it comes back, there is a next page, and its cursor is the last row shown.
                List<TicketRow> rows = queries.page(by, village, state, level, before, limit + 1);
                List<TicketRow> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
                shown.forEach(row -> tickets.add(summary(row, TicketWarnings.assess(row.toTicket(), now, calendar))));
                return new JsonObject().put("tickets", tickets).put("next", rows.size() > limit ? shown.get(shown.size() - 1).no() : null);
            }
            return new JsonObject().put("tickets", tickets).put("next", byWarning(by, village, state, level, before, limit, warning, now, tickets));
        }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    /**
     * A warning is assessed from the ticket and the clock, not stored, so the rows are read in batches and
     * assessed here. At most {@link #WARNING_SCAN} rows are looked at per request: a page may then come back
     * short, and its {@code next} is the last row looked at, so reading on continues where this one stopped.
     * Returns the next cursor (null: nothing older).
     */
    private Long byWarning(Actor by, String village, TicketState state, RegionLevel level, Long before, int limit,
            WarningColour warning, Instant now, JsonArray tickets) {
        Long cursor = before;
        int looked = 0;
        while (looked < WARNING_SCAN) {
            List<TicketRow> batch = queries.page(by, village, state, level, cursor, MAX_LIMIT);
            for (TicketRow row : batch) {
                looked++;
                cursor = row.no();
                Warning assessed = TicketWarnings.assess(row.toTicket(), now, calendar);
                if (assessed.colour() == warning) {
                    tickets.add(summary(row, assessed));
                    if (tickets.size() == limit) {
                        return cursor;
                    }
                }
            }
            if (batch.size() < MAX_LIMIT) {
                return null;
            }
        }
        return cursor;
    }

    private JsonObject summary(TicketRow row, Warning warning) {
        return TicketJson.summary(row, warning, TicketDeadlines.current(row.toTicket(), calendar));
    }

    private void show(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        long no = ticketNo(ctx);
        blocking.run(() -> queries.view(no, by, Via.CONSOLE)
                        .map(view -> TicketJson.full(view).put("commands", new JsonArray(AvailableCommands.of(by, view.row()))))
                        .orElseThrow(() -> notFound(no)))
                .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private void register(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        CommandBody body = CommandBody.of(ctx);
        String village = villageCode(body.text("villageCode", 12));
        String content = body.text("content", TicketDesk.MAX_CONTENT_LENGTH);
        long complainant = body.optionalPositiveNumber("complainantId").orElse(by.personId());
        answer(ctx, blocking, by, () -> {
            if (complainant != by.personId() && actors.find(complainant).isEmpty()) {
                throw ApiError.badRequest("字段 'complainantId'：没有编号为 " + complainant + " 的人");
            }
            return new DeskCommand.Register(village, complainant, content, null);
        });
    }

    /** A command on ticket {@code :no}: the body read into the desk's command (form only), then run by {@link #answer}. */
    private void onTicket(RoutingContext ctx, BlockingWork blocking, BiFunction<Long, CommandBody, DeskCommand> read) {
        long no = ticketNo(ctx);
        Actor by = Authentication.actor(ctx);
        DeskCommand command = read.apply(no, CommandBody.of(ctx));
        answer(ctx, blocking, by, () -> command);
    }

    /**
     * Runs the command off the event loop; done → 200 with the ticket and the step, refused → 409, or 404 for a
     * ticket that does not exist for the caller (missing or not theirs to know: the same body either way).
     */
    private void answer(RoutingContext ctx, BlockingWork blocking, Actor by, Supplier<DeskCommand> command) {
        blocking.run(() -> {
            DeskResult result = desk.execute(command.get(), by, Via.CONSOLE);
            if (result instanceof DeskResult.Refused refused) {
                throw refused.notFound() ? new ApiError(404, "not_found", refused.reason())
                        : new ApiError(409, "refused", refused.reason(), new JsonObject().put("rule", refused.rule().name()));
            }
            // The ticket as it now stands and the step just taken, from what the command returned: no second
            // read on the hot path. GET /api/v1/tickets/{no} has the whole trail.
            DeskResult.Done done = (DeskResult.Done) result;
            Ticket ticket = done.ticket().toTicket();
            return TicketJson.afterStep(done.ticket(), TicketQueries.mayRead(by, done.ticket()),
                    TicketWarnings.assess(ticket, clock.instant(), calendar), TicketDeadlines.current(ticket, calendar), done.event(),
                    Via.CONSOLE.wireName());
        }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private static ApiError notFound(long no) {
        return new ApiError(404, "not_found", DeskResult.Refused.notFoundReason(no));
    }

    private static long ticketNo(RoutingContext ctx) {
        String text = ctx.pathParam("no");
        if (text == null || !text.matches("[1-9]\\d{0,17}")) {
            throw ApiError.badRequest("“" + text + "”不是工单编号：应为正整数，如 /api/v1/tickets/123");
        }
        return Long.parseLong(text);
    }

    private static TicketState stateParam(RoutingContext ctx) {
        String value = ctx.queryParams().get("state");
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (TicketState state : TicketState.values()) {
            if (TicketJson.wire(state).equals(value)) {
                return state;
            }
        }
        throw ApiError.badRequest("参数 'state'：没有“" + value + "”这种状态；可写 " + STATES);
    }

    private static WarningColour warningParam(RoutingContext ctx) {
        String value = ctx.queryParams().get("warning");
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (WarningColour colour : WarningColour.values()) {
            if (colour.wireName().equals(value)) {
                return colour;
            }
        }
        throw ApiError.badRequest("参数 'warning'：没有“" + value + "”这种预警；可写 " + WARNINGS);
    }

    private static RegionLevel levelParam(RoutingContext ctx) {
        String value = ctx.queryParams().get("level");
        if (value == null || value.isEmpty()) {
            return null;
        }
        return RegionLevel.fromWire(value).orElseThrow(() ->
                ApiError.badRequest("参数 'level'：没有“" + value + "”这种级别；可写 " + LEVELS));
    }

    /** A village code, or any shorter region code (town, county) to narrow the list to that region. */
    private static String villageParam(RoutingContext ctx) {
        String value = ctx.queryParams().get("village");
        if (value == null || value.isEmpty()) {
            return null;
        }
        DivisionCode.Reading reading = DivisionCode.read(value);
        if (reading instanceof DivisionCode.Refused refused) {
            throw ApiError.badRequest("参数 'village'：" + refused.reason());
        }
        return ((DivisionCode.Read) reading).code();
    }

    /** A village's code as written (12 digits either way), checked before the desk sees it. */
    private static String villageCode(String written) {
        DivisionCode.Reading reading = DivisionCode.read(written, RegionLevel.VILLAGE);
        if (reading instanceof DivisionCode.Refused refused) {
            throw ApiError.badRequest("字段 'villageCode'：" + refused.reason());
        }
        return ((DivisionCode.Read) reading).code();
    }
}
