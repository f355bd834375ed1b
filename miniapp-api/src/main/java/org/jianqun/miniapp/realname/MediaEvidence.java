package org.jianqun.miniapp.realname;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.realname.Evidence;

/** A real-name report's photos: uploads ({@code POST /miniapp/v1/media}) of the reporter that no ticket holds yet. */
final class MediaEvidence implements Evidence {
    MediaEvidence(Database database) {
        database.addMapper(MediaEvidenceMapper.class);
    }

    @Override
    public Optional<String> problem(SqlSession s, long uploaderId, List<String> mediaIds) {
        if (mediaIds.isEmpty()) {
            return Optional.empty();
        }
        if (new HashSet<>(mediaIds).size() != mediaIds.size()) {
            return Optional.of("同一张照片不能附两次");
        }
        List<String> usable = s.getMapper(MediaEvidenceMapper.class).usable(uploaderId, mediaIds);
        for (String id : mediaIds) {
            if (!usable.contains(id)) {
                // One answer for another's upload, a used one and none: nobody learns which ids exist.
                return Optional.of("照片 " + id + " 不存在或已使用，请重新上传");
            }
        }
        return Optional.empty();
    }

    @Override
    public void attach(SqlSession s, long ticketNo, long uploaderId, List<String> mediaIds) {
        for (int i = 0; i < mediaIds.size(); i++) {
            s.getMapper(MediaEvidenceMapper.class).attach(ticketNo, i + 1, mediaIds.get(i));
        }
    }
}
