package org.jianqun.core.realname;

import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/**
 * The mini-program's uploaded photos a report cites as evidence ({@code mediaIds}): the module that stores them
 * says whether each is the reporter's own and unused, and ties them to the ticket, in the report's transaction.
 */
public interface Evidence {
    /** What is wrong with the ids for this uploader (Chinese, naming the limit or the id), if anything. */
    Optional<String> problem(SqlSession s, long uploaderId, List<String> mediaIds);

    void attach(SqlSession s, long ticketNo, long uploaderId, List<String> mediaIds);

    /** For a caller that takes no photos: any id is refused. */
    Evidence NONE = new Evidence() {
        @Override
        public Optional<String> problem(SqlSession s, long uploaderId, List<String> mediaIds) {
            return mediaIds.isEmpty() ? Optional.empty() : Optional.of("附件 " + mediaIds.get(0) + " 不存在");
        }

        @Override
        public void attach(SqlSession s, long ticketNo, long uploaderId, List<String> mediaIds) {
        }
    };
}
