package org.jianqun.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** At most so many lines a window, each clipped, and what was held back is counted on the next line. */
class BoundedLogTest {
    @Test
    void holdsBackPastTheWindowsAllowanceAndSaysHowMany() {
        Logger logger = (Logger) LoggerFactory.getLogger("jianqun.test.bounded");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        AtomicLong now = new AtomicLong();
        BoundedLog log = new BoundedLog(logger, 3, Duration.ofSeconds(10), 20, now::get);
        for (int i = 0; i < 50; i++) {
            log.warn("bad input number " + i + " with a long tail of attacker text");
        }
        assertThat(lines.list).hasSize(3);
        assertThat(lines.list.get(0).getFormattedMessage()).startsWith("bad input number 0 w").contains("more chars]").hasSizeLessThan(40);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        log.warn("later");
        assertThat(lines.list).hasSize(4);
        assertThat(lines.list.get(3).getFormattedMessage()).isEqualTo("later (47 similar lines held back)");
        logger.detachAppender(lines);
    }

    @Test
    void aRecursionIsDescribedInOneShortLine() {
        StackOverflowError deep = new StackOverflowError("deep");
        StackTraceElement frame = new StackTraceElement("a.B", "recurse", "B.java", 7);
        StackTraceElement[] frames = new StackTraceElement[1024];
        java.util.Arrays.fill(frames, frame);
        deep.setStackTrace(frames);
        assertThat(BoundedLog.describe(deep, 20)).isEqualTo("java.lang.StackOverflowError: deep at a.B.recurse(B.java:7) (×1024)");
    }
}
