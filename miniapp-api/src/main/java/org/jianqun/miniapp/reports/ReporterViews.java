package org.jianqun.miniapp.reports;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.audit.AuditRow;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.desk.Via;
import org.jianqun.core.media.MediaMapper;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.CurrentDeadline;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.miniapp.session.MiniappUser;

/**
 * The reporter's read model: their reports, newest first, and one report with the steps a reporter may see
 * ({@link ReporterSteps}). A number that is not the caller's report is answered as one that does not exist.
 */
public final class ReporterViews {
    public static final int PAGE = 20;

    /**
     * Reports whose steps and photos this process keeps ({@link #trailOf}): a phone asks for the same report again and
     * again, and its steps and photos were two of the three reads of {@code GET /reports/{no}} (BENCHMARKS.md,
     * mini-program). About 1 kB each.
     */
    static final int KEPT_TRAILS = 20_000;

    private final Database database;
    private final TicketQueries queries;
    private final Cache<Long, Trail> trails = Caffeine.newBuilder().maximumSize(KEPT_TRAILS).build();

    public ReporterViews(Database database, TicketQueries queries) {
        this.database = database;
        this.queries = queries;
        database.addMapper(ReportMapper.class);
    }

    public JsonObject mine(MiniappUser user, Long beforeNo) {
        List<ReportMapper.Mine> rows = database.read(s -> s.getMapper(ReportMapper.class).mine(user.personId(), beforeNo, PAGE));
        JsonArray reports = new JsonArray();
        rows.forEach(r -> reports.add(new JsonObject().put("no", r.no()).put("villageCode", r.villageCode()).put("state", state(r.state()))
                .put("stateLabel", label(r.state())).put("level", r.level().wireName()).put("summary", summary(r.content()))
                .put("reportedAt", time(r.registeredAt()))));
        JsonObject out = new JsonObject().put("reports", reports);
        if (rows.size() == PAGE) {
            out.put("nextBefore", rows.get(rows.size() - 1).no());
        }
        return out;
    }

    public Optional<JsonObject> one(MiniappUser user, long no) {
        return database.read(s -> {
            TicketRow mine = s.getMapper(ReportMapper.class).mineRow(no, user.personId());
            if (mine == null) {
                return Optional.<JsonObject>empty();
            }
            Optional<TicketQueries.TicketView> view = queries.progress(mine, user.actorFor(mine.villageCode()), Via.MINIAPP,
                    () -> trailOf(s, mine).steps());
            if (view.isEmpty()) {
                return Optional.<JsonObject>empty();
            }
            TicketRow row = view.get().row();
            JsonArray steps = new JsonArray();
            for (AuditRow step : view.get().events()) {
                ReporterSteps.text(step, row).ifPresent(text -> steps.add(new JsonObject().put("type", step.type().toLowerCase(java.util.Locale.ROOT))
                        .put("at", time(step.at())).put("text", text)));
            }
            JsonObject out = new JsonObject().put("no", row.no()).put("villageCode", row.villageCode()).put("state", state(row.state()))
                    .put("stateLabel", label(row.state())).put("level", row.level().wireName()).put("content", row.content())
                    .put("reportedAt", time(row.registeredAt())).put("resolution", row.resolution())
                    .put("mayRate", row.state() == TicketState.RESOLVED)
                    .put("photos", new JsonArray(trailOf(s, row).photos())) // kept just now, by the steps
                    .put("steps", steps);
            if (view.get().deadline() instanceof CurrentDeadline.Running running) {
                out.put("deadline", time(running.due())).put("deadlineProvisional", running.provisional());
            } else {
                out.putNull("deadline").put("deadlineProvisional", false);
            }
            return Optional.of(out);
        });
    }

    /**
     * The ticket's steps and photos as of {@code row}'s version: kept, or read and kept. Every step a reporter sees
     * ({@link ReporterSteps}) is written with a new version of the row (the desk stores the row and its step together),
     * and photos only at registration, so what was read at a version stands until the version changes; steps that
     * come without one (a confidential read, an identity revealed) are none a reporter sees. A reader that reads the
     * row before a step commits and its steps after keeps that step under the older version: more, never less, and
     * the next version reads again. The version comes from the row read now, so every instance sees the others' steps.
     */
    private Trail trailOf(SqlSession s, TicketRow row) {
        Trail kept = trails.getIfPresent(row.no());
        if (kept != null && kept.version() == row.version()) {
            return kept;
        }
        Trail read = new Trail(row.version(), TicketQueries.acceptedSteps(s, row.no()), List.copyOf(s.getMapper(MediaMapper.class).ofTicket(row.no())));
        trails.put(row.no(), read);
        return read;
    }

    /** What {@link #trailOf} keeps of one ticket. */
    private record Trail(int version, List<AuditRow> steps, List<String> photos) {
    }

    private static String state(TicketState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String label(TicketState state) {
        return state.label();
    }

    private static String summary(String content) {
        String flat = content == null ? "" : content.replaceAll("\\s+", " ").strip();
        return flat.codePointCount(0, flat.length()) <= 40 ? flat : flat.substring(0, flat.offsetByCodePoints(0, 40)) + "…";
    }

    static String time(Instant at) {
        return at == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(ReportCommands.BEIJING));
    }
}
