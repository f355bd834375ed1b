package org.jianqun.miniapp.realname;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.media.MediaStore;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.realname.Evidence;
import org.jianqun.miniapp.reports.ReportMapper;

/**
 * What the mini-program ties to a new real-name ticket, in the report's transaction: its photos (the reporter's own
 * uploads, cleaned of every metadata, that no ticket holds yet: core's {@link MediaStore}), and the report as the
 * phone's ({@code miniapp_report}), so its reporter's notices become subscribe messages when they accepted them
 * and their "my reports" lists it.
 */
final class MediaEvidence implements Evidence {
    private final boolean subscribed;
    private final Clock clock;

    MediaEvidence(Database database, boolean subscribed, Clock clock) {
        this.subscribed = subscribed;
        this.clock = clock;
        database.addMapper(ReportMapper.class);
    }

    @Override
    public Optional<String> problem(SqlSession s, long uploaderId, List<String> mediaIds) {
        return MediaStore.checkTakeable(s, uploaderId, mediaIds).map(MediaStore.NotTakeable::reason);
    }

    @Override
    public void attach(SqlSession s, long ticketNo, long uploaderId, List<String> mediaIds) {
        MediaStore.attachToTicket(s, uploaderId, ticketNo, mediaIds).ifPresent(problem -> {
            // checked a moment ago in the same transaction: only a concurrent report taking the same photo gets here
            throw new IllegalStateException("photo " + problem.mediaId() + " was taken meanwhile");
        });
        s.getMapper(ReportMapper.class).insert(ticketNo, uploaderId, subscribed, clock.instant());
    }
}
