package org.jianqun.gateway.outbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long text into parts no larger than a channel accepts (WeCom robot and group text
 * messages: 2,048 bytes of UTF-8), preferring to cut after a line break or a full stop, never inside
 * a character. Parts are numbered (1/3) so readers know more follows.
 */
public final class TextParts {
    public static final int WECHAT_TEXT_BYTES = 2048;
    private static final int NUMBERING_RESERVE = 16;

    private TextParts() {
    }

    public static List<String> split(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return List.of(text);
        }
        int budget = maxBytes - NUMBERING_RESERVE;
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int bytes = 0;
            int lastBreak = -1;
            while (end < text.length()) {
                int cp = text.codePointAt(end);
                int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > budget) {
                    break;
                }
                bytes += size;
                end += Character.charCount(cp);
                if (cp == '\n' || cp == '。' || cp == '；' || cp == '！' || cp == '？' || cp == '.') {
                    lastBreak = end;
                }
            }
            if (end < text.length() && lastBreak > start) {
                end = lastBreak;
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            numbered.add("(" + (i + 1) + "/" + parts.size() + ") " + parts.get(i));
        }
        return numbered;
    }
}
