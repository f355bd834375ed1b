package org.jianqun.miniapp.content;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jianqun.core.persistence.Database;
import org.jianqun.miniapp.wechat.ContentVerdict;
import org.jianqun.miniapp.wechat.Wechat;
import org.jianqun.miniapp.wechat.WechatRefused;

/**
 * Asks WeChat's msgSecCheck v2 about each mini-program report's words before anyone but its officers reads them
 * (issue 12 item 5): the verdict (PASS, REVIEW, RISKY) goes to {@code content_check}, where the digests read it
 * (core's ShownWords). WeChat busy or unreachable leaves the words held back (PENDING) and tried again later; the
 * report itself reached its officers when it was made, whatever the check says. Blocking: run on a worker.
 */
public final class ContentChecks {
    public static final int BATCH = 20;
    static final Duration BACKOFF = Duration.ofSeconds(30);

    private final Database database;
    private final Wechat wechat;
    private final Clock clock;

    public ContentChecks(Database database, Wechat wechat, Clock clock) {
        this.database = database;
        this.wechat = wechat;
        this.clock = clock;
        database.addMapper(ContentCheckMapper.class);
    }

    /**
     * At most this many checks a pass (a pass every 3 s: up to 100 a second). One batch of 20 a pass was 6.7 checks a
     * second, fewer than a busy hour's reports, so their words waited ever longer to reach the village's digest.
     */
    static final int MAX_PER_PASS = 300;

    /**
     * Checks what is due, batch after batch while batches come back full (a row tried and refused is not due again
     * within its backoff, so a pass ends), up to {@link #MAX_PER_PASS}; answers how many got a verdict.
     */
    public int checkDue() {
        int decided = 0;
        for (int tried = 0; tried < MAX_PER_PASS; ) {
            Instant now = clock.instant();
            List<ContentCheckMapper.Waiting> due = database.read(s -> s.getMapper(ContentCheckMapper.class).due(now.minus(BACKOFF), BATCH));
            decided += check(due, now);
            tried += due.size();
            if (due.size() < BATCH) {
                break;
            }
        }
        return decided;
    }

    private int check(List<ContentCheckMapper.Waiting> due, Instant now) {
        int decided = 0;
        for (ContentCheckMapper.Waiting w : due) {
            String verdict;
            try {
                ContentVerdict v = wechat.check(w.openid(), w.content());
                verdict = v.name();
            } catch (WechatRefused e) {
                database.inTransaction(s -> s.getMapper(ContentCheckMapper.class).notYet(w.ticketNo(), now));
                continue;
            }
            database.inTransaction(s -> s.getMapper(ContentCheckMapper.class).decide(w.ticketNo(), verdict, now));
            decided++;
        }
        return decided;
    }
}
