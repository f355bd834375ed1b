package org.jianqun.core.organisation;

import java.text.Normalizer;

/**
 * The one form an id from outside (a chat user's id, a group's id) is kept and compared in: trimmed of
 * spaces and invisible characters at its ends and composed (NFC, so one letter written two ways is one
 * letter), otherwise exactly as the channel gave it. Case, width and accents are kept: {@code CADRE-1},
 * {@code ｃadre-1} and {@code cadre-1} are three different senders, never one passing for another. Every
 * edge (import, each channel) puts what it reads through {@link #id}; the database then compares exactly
 * (V11: binary collation).
 */
public final class Spelling {
    private Spelling() {
    }

    /** An id in its stored form (null stays null). */
    public static String id(String given) {
        return given == null ? null : trimmed(Normalizer.normalize(given, Normalizer.Form.NFC));
    }

    /** Without what cannot be seen at either end: whitespace (U+3000 and no-break spaces too), controls, and format characters such as U+200B and U+FEFF. */
    public static String trimmed(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && invisible(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && invisible(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL || type == Character.FORMAT;
    }
}
