package org.jianqun.core.desk;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.calendar.HolidayDataException;
import org.jianqun.core.calendar.HolidayYear;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.HolidayYearMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.Initiator;
import org.jianqun.core.ticket.Ticket;
import org.jianqun.core.ticket.TicketDeadlines;
import org.jianqun.core.ticket.TicketEvent;
import org.jianqun.core.ticket.TicketEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holiday notices an administrator loads while the platform runs (DESIGN.md "Ticket lifecycle"): checked,
 * stored in {@code holiday_year} so that every instance picks them up ({@link #refresh}, every 30 s), put
 * into this process's calendar at once, and then every live ticket whose deadline moved — a provisional
 * (暂定) one counted by the weekend rule alone — gets an audited {@link TicketEventType#DEADLINE_MOVED} step,
 * its new warning and next due time, and a notice to the level that handles it. Blocking: call from a worker.
 *
 * <p>Only the process that loads recomputes: the others just start counting with the year when they next
 * refresh. A ticket written by another instance in those seconds keeps its stored next look (the sweep
 * re-reads the deadline then) and gets no step of its own.
 */
public final class HolidayLoads {
    private static final Logger LOG = LoggerFactory.getLogger(HolidayLoads.class);
    /** A year's notice is a few kB; anything near this is not one. */
    public static final int MAX_FILE_BYTES = 256 * 1024;
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2099;
    static final int PAGE = 500;

    private final Database database;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final TicketSteps steps;
    /** year → version of holiday_year this process's calendar holds. */
    private final Map<Integer, Integer> applied = new HashMap<>();
    private LocalDate warnedOn;

    public HolidayLoads(Database database, WorkingDayCalendar calendar, Clock clock) {
        this.database = database;
        this.calendar = calendar;
        this.clock = clock;
        this.steps = new TicketSteps(calendar, new VillageNames());
        database.addMapper(HolidayYearMapper.class);
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    /** What a load did: the year and its days, the live tickets looked at, those whose deadline moved. */
    public record Loaded(int year, int days, int looked, int moved) {
    }

    /** A loaded year as an administrator sees it. */
    public record LoadedYear(int year, int days, Instant loadedAt, String loadedBy) {
    }

    /**
     * Checks and stores {@code json} as the notice of {@code year}, puts it in the calendar and recomputes.
     *
     * @param loadedBy who, for the audit trail ("管理员 (admin #1)", "cli")
     * @throws HolidayDataException naming what is wrong with the file, in Chinese; nothing is stored then
     */
    public synchronized Loaded load(int year, byte[] json, String loadedBy) {
        HolidayYear notice = check(year, json);
        Instant now = clock.instant();
        String text = new String(json, StandardCharsets.UTF_8);
        int version = database.inTransaction(s -> {
            HolidayYearMapper years = s.getMapper(HolidayYearMapper.class);
            if (years.replace(year, text, notice.offByDate().size(), now, loadedBy) == 0) {
                years.insert(year, text, notice.offByDate().size(), now, loadedBy);
            }
            AuditTrail.append(s, new AuditEntry(AuditTrail.PLATFORM_CHAIN, now, null, "HOLIDAYS_LOADED", AuditEntry.ACCEPTED, loadedBy,
                    null, Via.SYSTEM.wireName(), null, null, "载入 " + year + " 年节假日安排（" + notice.offByDate().size() + " 天）"));
            return years.find(year).version();
        });
        WorkingDayCalendar before = calendar.snapshot();
        calendar.publish(notice);
        applied.put(year, version);
        Loaded loaded = recompute(before, year, now);
        LOG.info("holiday notice {} loaded by {}: {} days; {} live tickets looked at, {} deadlines moved",
                year, loadedBy, notice.offByDate().size(), loaded.looked(), loaded.moved());
        return new Loaded(year, notice.offByDate().size(), loaded.looked(), loaded.moved());
    }

    /** The checks of an upload, beyond the file's own (which {@link HolidayYear#parse} makes). */
    static HolidayYear check(int year, byte[] json) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new HolidayDataException(year + " 年不在 " + FIRST_YEAR + "–" + LAST_YEAR + " 年之间");
        }
        if (json.length == 0) {
            throw new HolidayDataException("文件为空：请上传 holiday-cn 格式的 " + year + ".json");
        }
        if (json.length > MAX_FILE_BYTES) {
            throw new HolidayDataException("文件过大（" + json.length + " 字节），一年的节假日安排不超过 " + MAX_FILE_BYTES + " 字节");
        }
        HolidayYear notice = HolidayYear.parse(json, year + ".json", year);
        if (!notice.published()) {
            throw new HolidayDataException(year + ".json：\"days\" 为空，即通知尚未发布：请在国务院通知发布后载入");
        }
        return notice;
    }

    /**
     * Reads which years are stored and puts new or reloaded ones into the calendar; at start-up and every
     * 30 s on every instance. Also says, once a China day, when next year's notice is missing. Returns the
     * years taken in.
     */
    public synchronized List<Integer> refresh() {
        List<Integer> taken = new ArrayList<>();
        List<HolidayYearMapper.Version> versions = database.read(s -> s.getMapper(HolidayYearMapper.class).versions());
        for (HolidayYearMapper.Version v : versions) {
            if (applied.getOrDefault(v.noticeYear(), 0) == v.version()) {
                continue;
            }
            HolidayYearMapper.Stored stored = database.read(s -> s.getMapper(HolidayYearMapper.class).find(v.noticeYear()));
            try {
                calendar.publish(HolidayYear.parse(stored.notice().getBytes(StandardCharsets.UTF_8), "holiday_year " + stored.noticeYear(), stored.noticeYear()));
                taken.add(stored.noticeYear());
            } catch (HolidayDataException e) {
                // Checked when loaded, so only a hand-edited row gets here: keep what the calendar had.
                LOG.error("holiday_year {} cannot be used: {}", stored.noticeYear(), e.getMessage());
            }
            applied.put(v.noticeYear(), stored.version());
        }
        warnOncePerDay();
        return taken;
    }

    private void warnOncePerDay() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(WorkingDayCalendar.ZONE).toLocalDate();
        warning().ifPresent(text -> {
            if (!today.equals(warnedOn)) {
                warnedOn = today;
                LOG.warn("{}", text);
            }
        });
    }

    /** From 1 November while next year's notice is not loaded: the year. */
    public OptionalInt missingNextYear() {
        return calendar.missingNextYear(clock.instant());
    }

    /** The administrators' warning, in their words, while next year is missing. */
    public Optional<String> warning() {
        OptionalInt missing = missingNextYear();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        int year = missing.getAsInt();
        return Optional.of(year + " 年节假日安排尚未载入：期限进入 " + year + " 年的工单按周末推算并标为暂定。"
                + "国务院通知发布后，请在管理页上传 " + year + ".json（holiday-cn 格式）或运行 scripts/jianqun holidays load " + year + ".json。");
    }

    /** The years administrators loaded (the shipped ones are the calendar's own). */
    public List<LoadedYear> loadedYears() {
        return database.read(s -> s.getMapper(HolidayYearMapper.class).all()).stream()
                .map(y -> new LoadedYear(y.noticeYear(), y.days(), y.loadedAt(), y.loadedBy())).toList();
    }

    private Loaded recompute(WorkingDayCalendar before, int year, Instant now) {
        int looked = 0;
        int moved = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Long> page = database.read(s -> s.getMapper(HolidayYearMapper.class).liveTicketsAfter(from, PAGE));
            if (page.isEmpty()) {
                break;
            }
            moved += database.inTransaction(s -> recomputePage(s, page, before, year, now));
            looked += page.size();
            after = page.get(page.size() - 1);
        }
        return new Loaded(year, 0, looked, moved);
    }

    private int recomputePage(SqlSession s, List<Long> page, WorkingDayCalendar before, int year, Instant now) {
        TicketMapper tickets = s.getMapper(TicketMapper.class);
        List<TicketRow> rows = tickets.lockAll(page);
        Map<Long, List<Long>> complainants = new HashMap<>();
        tickets.complainantsOf(page).forEach(c -> complainants.computeIfAbsent(c.ticketNo(), k -> new ArrayList<>()).add(c.personId()));
        List<TicketSteps.Stored> stored = new ArrayList<>();
        for (TicketRow row : rows) {
            Ticket ticket = row.toTicket();
            List<TicketDeadlines.Named> was = TicketDeadlines.all(ticket, before);
            List<TicketDeadlines.Named> is = TicketDeadlines.all(ticket, calendar);
            List<String> changes = new ArrayList<>();
            for (int i = 0; i < Math.min(was.size(), is.size()); i++) {
                if (!was.get(i).due().equals(is.get(i).due())) {
                    changes.add(was.get(i).name() + "由 " + TicketDeadlines.describe(was.get(i).due()) + (was.get(i).provisional() ? "（暂定）" : "")
                            + " 调整为 " + TicketDeadlines.describe(is.get(i).due()) + (is.get(i).provisional() ? "（暂定）" : ""));
                }
            }
            if (changes.isEmpty()) {
                continue; // its stored row is still right: next_due_at came from the same instants
            }
            TicketEvent event = new TicketEvent(row.no(), TicketEventType.DEADLINE_MOVED, now, Initiator.ByJob.HOLIDAY_LOAD,
                    ticket.position(), ticket.position(), year + " 年节假日安排已载入，" + String.join("，", changes));
            stored.add(steps.next(s, row, ticket, event, Via.SYSTEM, now, complainants.getOrDefault(row.no(), List.of())));
        }
        if (!stored.isEmpty()) {
            TicketSteps.write(s, stored, now);
        }
        return stored.size();
    }
}
