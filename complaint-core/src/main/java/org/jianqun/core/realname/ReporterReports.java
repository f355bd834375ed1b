package org.jianqun.core.realname;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditMapper;
import org.jianqun.core.audit.AuditRow;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.Via;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.Ticket;
import org.jianqun.core.ticket.TicketDeadlines;
import org.jianqun.core.ticket.TicketState;

/**
 * The reporter's own view of their real-name reports (the mini-program's): the stage, when each was reached, the
 * acknowledgement's due date, and once concluded the result written for them; never who handles it, where it was
 * routed, the accused or any internal step. Someone else's number is not there (AccessPolicy.mayFollowAsReporter).
 * Rating goes through the desk like every rating. A read model apart from the desk. Blocking.
 */
public final class ReporterReports {
    private final Database database;
    private final TicketDesk desk;
    private final WorkingDayCalendar calendar;

    public ReporterReports(Database database, TicketDesk desk) {
        this.database = database;
        this.desk = desk;
        this.calendar = desk.calendar();
        database.addMapper(RealNameMapper.class);
    }

    /** A step the reporter may see: its stage and when. */
    public record Step(ReporterStage stage, Instant at) {
    }

    /**
     * @param acknowledgeDue while not yet acknowledged: by when its office is to say whether it takes it up
     * @param result         the result written for the reporter, once concluded (null before)
     * @param rateable       resolved and waiting for the reporter's rating
     */
    public record ReportStatus(long no, String receipt, ReporterStage stage, List<Step> steps, Instant acknowledgeDue, String result,
                               boolean rateable, String rating) {
    }

    /** The person {@code reporterId} as the reporter of {@code row} (a villager of its village, speaking for themself). */
    private static Actor reporter(long reporterId, TicketRow row) {
        return new Actor(reporterId, "举报人", Role.VILLAGER, row.villageCode());
    }

    public List<ReportStatus> mine(long reporterId, int limit) {
        return database.read(s -> {
            List<ReportStatus> out = new ArrayList<>();
            for (long no : s.getMapper(RealNameMapper.class).ofReporter(reporterId, limit)) {
                status(s, reporterId, no).ifPresent(out::add);
            }
            return out;
        });
    }

    public Optional<ReportStatus> status(long reporterId, long no) {
        return database.read(s -> status(s, reporterId, no));
    }

    private Optional<ReportStatus> status(org.apache.ibatis.session.SqlSession s, long reporterId, long no) {
        TicketRow row = s.getMapper(TicketMapper.class).find(no);
        RealNameMapper.ReportRow report = s.getMapper(RealNameMapper.class).find(no);
        if (row == null || report == null || !row.confidential() || !AccessPolicy.mayFollowAsReporter(reporter(reporterId, row), row.facts())) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(ReporterStage.RECEIVED, report.submittedAt()));
        String rating = null;
        for (AuditRow e : s.getMapper(AuditMapper.class).ofTicket(no)) {
            if (!e.outcome().equals(AuditEntry.ACCEPTED)) {
                continue;
            }
            switch (e.type()) {
                case "CLAIMED" -> addOnce(steps, ReporterStage.ACKNOWLEDGED, e.at());
                case "RESOLVED", "REJECTED", "MERGED" -> addOnce(steps, ReporterStage.CONCLUDED, e.at());
                default -> {
                }
            }
        }
        Ticket ticket = row.toTicket();
        if (row.state() == TicketState.CLOSED && row.ending() != null) {
            rating = ticket.ending() instanceof org.jianqun.core.ticket.Ending.Closed c ? c.closure().label() : null;
        }
        ReporterStage stage = ReporterStage.of(row.state());
        Instant due = stage == ReporterStage.RECEIVED ? TicketDeadlines.claimDue(ticket, calendar) : null;
        String result = stage == ReporterStage.CONCLUDED
                ? (row.resolution() != null ? row.resolution() : row.endingDetail() != null ? row.endingDetail() : "已办理完毕") : null;
        return Optional.of(new ReportStatus(no, report.receipt(), stage, steps, due, result, row.state() == TicketState.RESOLVED, rating));
    }

    private static void addOnce(List<Step> steps, ReporterStage stage, Instant at) {
        if (steps.stream().noneMatch(st -> st.stage() == stage)) {
            steps.add(new Step(stage, at));
        }
    }

    /** 评价 by the reporter, through the desk (which checks it is theirs and resolved); empty when it is not their report. */
    public Optional<DeskResult> rate(long reporterId, long no, String ratingWord) {
        TicketRow row = database.read(s -> s.getMapper(TicketMapper.class).find(no));
        if (row == null || !AccessPolicy.mayFollowAsReporter(reporter(reporterId, row), row.facts())) {
            return Optional.empty();
        }
        return Optional.of(desk.execute(new DeskCommand.Rate(no, ratingWord), reporter(reporterId, row), Via.MINIAPP));
    }
}
