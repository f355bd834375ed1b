package org.jianqun.miniapp.realname;

import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.media.MediaStore;
import org.jianqun.core.realname.Evidence;

/**
 * A real-name report's photos: the reporter's own uploads ({@code POST /miniapp/v1/media}, cleaned of every metadata)
 * that no ticket holds yet, checked and attached by core's {@link MediaStore} in the report's transaction.
 */
final class MediaEvidence implements Evidence {
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
    }
}
