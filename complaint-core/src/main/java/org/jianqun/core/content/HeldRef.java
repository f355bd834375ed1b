package org.jianqun.core.content;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which held-back text an officer's verdict is about, as the patrol item's ref says it: a mini-program report's
 * words ({@code report-<ticket no>}, shown in its village's digest) or a poll vote's comment
 * ({@code comment-<poll id>-<voter id>}, shown under the poll's results).
 */
public sealed interface HeldRef {
    Pattern REPORT = Pattern.compile("report-([1-9]\\d{0,17})");
    Pattern COMMENT = Pattern.compile("comment-([1-9]\\d{0,17})-([1-9]\\d{0,17})");

    String text();

    record Report(long ticketNo) implements HeldRef {
        @Override
        public String text() {
            return "report-" + ticketNo;
        }
    }

    record Comment(long pollId, long voterId) implements HeldRef {
        @Override
        public String text() {
            return "comment-" + pollId + "-" + voterId;
        }
    }

    /** The ref's held text, or empty for anything else (an unknown shape is no held text, as the routes answer 404). */
    static Optional<HeldRef> parse(String ref) {
        Matcher report = REPORT.matcher(ref);
        if (report.matches()) {
            return Optional.of(new Report(Long.parseLong(report.group(1))));
        }
        Matcher comment = COMMENT.matcher(ref);
        if (comment.matches()) {
            return Optional.of(new Comment(Long.parseLong(comment.group(1)), Long.parseLong(comment.group(2))));
        }
        return Optional.empty();
    }
}
