package org.jianqun.miniapp.reports;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.Via;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.media.MediaStore;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.DatabaseFailures;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.Rating;
import org.jianqun.miniapp.session.MiniappUser;

/**
 * What a reporter does from the phone, each in one transaction through the ticket desk exactly as a chat
 * command does (channel {@code miniapp}): report (a village ticket, with the same deadlines, notices and
 * duplicate detection as {@code #反映}), rate, urge (once a Beijing day per ticket and user). A refusal is
 * answered as an {@link ApiError}; nothing of a refused request is kept but the desk's own audit of it.
 */
public final class ReportCommands {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final Database database;
    private final TicketDesk desk;
    private final Clock clock;

    public ReportCommands(Database database, TicketDesk desk, Clock clock) {
        this.database = database;
        this.desk = desk;
        this.clock = clock;
        database.addMapper(ReportMapper.class);
    }

    /** The new ticket's row. */
    public TicketRow submit(MiniappUser user, ReportDraft draft) {
        return database.inTransaction(s -> {
            Region village = s.getMapper(RegionMapper.class).find(draft.villageCode());
            if (village == null || village.level() != RegionLevel.VILLAGE) {
                throw new ApiError(404, "village_not_found", "村 " + draft.villageCode() + " 不存在", new JsonObject().put("field", "villageCode"));
            }
            Optional<MediaStore.NotTakeable> photo = MediaStore.checkTakeable(s, user.personId(), draft.mediaIds());
            if (photo.isPresent()) {
                throw new ApiError(422, "media_not_found", photo.get().reason(), new JsonObject().put("field", "mediaIds").put("mediaId", photo.get().mediaId()));
            }
            DeskResult result = desk.in(s).execute(new DeskCommand.Register(draft.villageCode(), user.personId(), draft.content(), null),
                    user.actorFor(draft.villageCode()), Via.MINIAPP);
            TicketRow ticket = done(result);
            Instant now = clock.instant();
            if (MediaStore.attachToTicket(s, user.personId(), ticket.no(), draft.mediaIds()).isPresent()) {
                throw new ApiError(409, "media_taken", "图片已用于另一条反映，请重新上传"); // a race with another report: all rolled back
            }
            ReportMapper reports = s.getMapper(ReportMapper.class);
            reports.insert(ticket.no(), user.personId(), draft.subscribe(), now);
            reports.awaitCheck(ticket.no(), now);
            return ticket;
        });
    }

    public TicketRow rate(MiniappUser user, long no, String ratingWord) {
        if (Rating.fromWord(ratingWord).isEmpty()) {
            throw new ApiError(422, "bad_rating", "评价须是 满意、基本满意 或 不满意", new JsonObject().put("field", "rating"));
        }
        return database.inTransaction(s -> done(desk.in(s).execute(new DeskCommand.Rate(no, ratingWord), user.actorFor(villageOf(s, user, no)), Via.MINIAPP)));
    }

    /** 催办; a second one the same Beijing day is 429 with Retry-After until midnight there. */
    public TicketRow urge(MiniappUser user, long no) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(BEIJING).toLocalDate();
        try {
            return database.inTransaction(s -> {
                String village = villageOf(s, user, no);
                ReportMapper reports = s.getMapper(ReportMapper.class);
                if (reports.urgedOn(no, user.personId(), today) > 0) {
                    throw alreadyUrged(now, today);
                }
                TicketRow ticket = done(desk.in(s).execute(new DeskCommand.Urge(no), user.actorFor(village), Via.MINIAPP));
                reports.urge(no, user.personId(), today, now);
                return ticket;
            });
        } catch (RuntimeException e) {
            if (DatabaseFailures.isDuplicateKey(e)) {
                throw alreadyUrged(now, today); // two at once: the other one counted, this one rolled back
            }
            throw e;
        }
    }

    private static ApiError alreadyUrged(Instant now, LocalDate today) {
        long seconds = Math.max(1, today.plusDays(1).atStartOfDay(BEIJING).toEpochSecond() - now.getEpochSecond());
        return new ApiError(429, "already_urged_today", "今天已催办过这条反映，明天可再催办", new JsonObject().put("retryAfter", seconds));
    }

    /** The ticket's village if it is the user's report; 404 as for a number that does not exist otherwise. */
    static String villageOf(SqlSession s, MiniappUser user, long no) {
        TicketRow row = s.getMapper(ReportMapper.class).mineRow(no, user.personId());
        if (row == null) {
            throw notFound(no);
        }
        return row.villageCode();
    }

    static ApiError notFound(long no) {
        return new ApiError(404, "report_not_found", "没有找到反映 #" + no);
    }

    private static TicketRow done(DeskResult result) {
        if (result instanceof DeskResult.Refused refused) {
            if (refused.notFound()) {
                throw new ApiError(404, "report_not_found", refused.reason());
            }
            throw new ApiError(409, "refused", refused.reason(), new JsonObject().put("rule", refused.rule().name()));
        }
        return ((DeskResult.Done) result).ticket();
    }
}
