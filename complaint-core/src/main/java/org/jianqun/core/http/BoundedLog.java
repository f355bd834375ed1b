package org.jianqun.core.http;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Log lines that outsiders can cause (refused input, unexpected failures): each clipped to a size, and at most
 * {@code perWindow} of them per window; the ones held back are counted and the count rides on the next line that
 * gets through. Fifty bad requests a second then cost a few short lines, not megabytes of log.
 */
public final class BoundedLog {
    private final Logger logger;
    private final int maxChars;
    private final int perWindow;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int used;
    private long held;

    public BoundedLog(Logger logger, int perWindow, Duration window, int maxChars) {
        this(logger, perWindow, window, maxChars, System::nanoTime);
    }

    BoundedLog(Logger logger, int perWindow, Duration window, int maxChars, LongSupplier nanoTime) {
        this.logger = logger;
        this.maxChars = maxChars;
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    public void warn(String message) {
        log(Level.WARN, message);
    }

    public void error(String message) {
        log(Level.ERROR, message);
    }

    private void log(Level level, String message) {
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        long heldBefore;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (now - windowStart >= windowNanos) {
                windowStart = now;
                used = 0;
            }
            if (used >= perWindow) {
                held++;
                return;
            }
            used++;
            heldBefore = held;
            held = 0;
        }
        String line = clip(message, maxChars);
        logger.atLevel(level).log(heldBefore == 0 ? line : line + " (" + heldBefore + " similar lines held back)");
    }

    /** At most {@code max} characters of {@code s}, marked when cut. */
    public static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "…[" + (s.length() - end) + " more chars]";
    }

    /**
     * A throwable as one bounded line: its class, message and first frames, and those of a few causes. A
     * StackOverflowError's 1,024 frames would otherwise make a 150 KB line per request.
     */
    public static String describe(Throwable failure, int framesEach) {
        StringBuilder out = new StringBuilder();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            out.append(depth == 0 ? "" : " | caused by ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                out.append(": ").append(clip(t.getMessage(), 300));
            }
            StackTraceElement[] frames = t.getStackTrace();
            int shown = 0;
            int i = 0;
            while (i < frames.length && shown < framesEach) {
                int same = 1;
                while (i + same < frames.length && frames[i + same].equals(frames[i])) {
                    same++; // a recursion shows as one frame and a count
                }
                out.append(" at ").append(frames[i]).append(same > 1 ? " (×" + same + ")" : "");
                i += same;
                shown++;
            }
            if (i < frames.length) {
                out.append(" …").append(frames.length - i).append(" more frames");
            }
        }
        return out.toString();
    }
}
