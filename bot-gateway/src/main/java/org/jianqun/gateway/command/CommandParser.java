package org.jianqun.gateway.command;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a group message as a chat command. Villagers type on phones: a full-width ＃, full-width
 * digits and spaces, a missing space ("认领#12") and a ticket written {@code #12} or {@code 12} are
 * all accepted. Only those characters are normalised; the complaint text itself is kept as written.
 */
public final class CommandParser {
    public static final List<String> REPORT_WORDS = List.of("反映", "投诉", "诉求", "求助");
    /** What people type when they do not know what to type (a 70-year-old sends 「？」). */
    static final List<String> HELP_WORDS = List.of("帮助", "?", "？", "怎么用", "菜单", "指令");
    /**
     * The ticket number, then whatever follows it: a space, punctuation ("进度 #12？") or the text itself
     * ("评价 #12满意"). The number must end where its digits end, so 15 digits are no 12-digit number.
     */
    private static final Pattern TICKET = Pattern.compile("^#?\\s*(\\d{1,12})(?!\\d)[\\s，,。.？?！!：:]*(.*)$", Pattern.DOTALL);
    /** "@监群 " or "@监群" and U+2005 (the four-per-em space WeChat puts after a mention), one or more, before the command. */
    private static final Pattern LEADING_MENTIONS = Pattern.compile("^(?:@[^\\s\u2005@]+(?:[\\s\u2005]+|$))+");
    /** An unknown word is echoed this far, no further: the rest may be an accusation that must not be posted back. */
    private static final int ECHOED_WORD = 10;
    private static final Pattern LEADING_WORD = Pattern.compile("^#?\\s*(\\p{IsHan}+)(.*)$", Pattern.DOTALL);

    private CommandParser() {
    }

    /**
     * @param text         the message text (a voice message's transcript)
     * @param mentionsBot  the channel says the bot was @-mentioned: the whole message is a report
     * @param quotedMessageId the message this one quotes, if the channel says so (for 登记)
     */
    public static ChatCommand parse(String text, boolean mentionsBot, Optional<String> quotedMessageId) {
        // Over the bridge WeChat keeps the mention text, so "@监群 进度 #12" must read as 进度, on every channel.
        String s = LEADING_MENTIONS.matcher(normalise(text == null ? "" : text).strip()).replaceFirst("").strip();
        if (HELP_WORDS.contains(s.replaceFirst("^#\\s*", "").replaceAll("[\\s?？!！。.]+$", "").strip())
                || HELP_WORDS.contains(s.replaceFirst("^#\\s*", "").strip())) {
            return new ChatCommand.Help();
        }
        Matcher lead = LEADING_WORD.matcher(s);
        boolean hashed = s.startsWith("#");
        if (lead.matches()) {
            String run = lead.group(1);
            String word = commandWordStarting(run);
            // "认领 #12" or "认领#12": the word stands alone. "#反映村口路灯坏了": a hashed report needs no space.
            // "认领一下吧" is talk, not a command.
            if (word != null && (run.equals(word) || (hashed && REPORT_WORDS.contains(word)))) {
                String rest = (run.substring(word.length()) + lead.group(2)).strip();
                return command(word, rest, quotedMessageId);
            }
        }
        if (mentionsBot && !s.isEmpty()) {
            return new ChatCommand.Report(s.replaceFirst("^#\\s*", ""));
        }
        if (hashed) {
            String word = s.substring(1).strip().split("\\s+", 2)[0];
            if (!word.isEmpty() && !word.chars().allMatch(Character::isDigit)) {
                String echoed = word.codePointCount(0, word.length()) <= ECHOED_WORD ? word
                        : word.substring(0, word.offsetByCodePoints(0, ECHOED_WORD)) + "…";
                return new ChatCommand.Unknown(echoed);
            }
        }
        return new ChatCommand.NotACommand();
    }

    private static final List<String> WORDS = List.of("反映", "投诉", "诉求", "求助", "登记", "认领", "办结", "上报", "定级", "分类", "进度", "催办", "评价");

    private static String commandWordStarting(String han) {
        for (String w : WORDS) {
            if (han.startsWith(w)) {
                return w;
            }
        }
        return null;
    }

    private static ChatCommand command(String word, String rest, Optional<String> quoted) {
        if (REPORT_WORDS.contains(word)) {
            return rest.isEmpty()
                    ? new ChatCommand.Malformed(word, "请在「#" + word + "」后写明要反映的问题，例如：#反映 村口路灯坏了")
                    : new ChatCommand.Report(rest);
        }
        if (word.equals("登记")) {
            String ref = rest.replaceFirst("^#\\s*", "").strip();
            if (!ref.isEmpty()) {
                return new ChatCommand.Register(ref);
            }
            return quoted.<ChatCommand>map(ChatCommand.Register::new)
                    .orElse(new ChatCommand.Malformed(word, "请写消息编号，或引用要登记的那条消息后发「登记」"));
        }
        Matcher m = TICKET.matcher(rest);
        if (!m.matches()) {
            return new ChatCommand.Malformed(word, "请写工单号，例如：" + example(word));
        }
        long no = Long.parseLong(m.group(1));
        String tail = m.group(2).strip();
        return switch (word) {
            case "认领" -> new ChatCommand.Claim(no);
            case "进度" -> new ChatCommand.Progress(no);
            case "催办" -> new ChatCommand.Urge(no);
            case "办结" -> tail.isEmpty() ? new ChatCommand.Malformed(word, "请写明办理结果，例如：" + example(word))
                    : new ChatCommand.Resolve(no, tail);
            case "上报" -> tail.isEmpty() ? new ChatCommand.Malformed(word, "请写明上报原因，例如：" + example(word))
                    : new ChatCommand.Escalate(no, tail);
            case "定级" -> tail.isEmpty() ? new ChatCommand.Malformed(word, "请写明级别，例如：" + example(word))
                    : new ChatCommand.SetTier(no, tail);
            case "分类" -> tail.isEmpty() ? new ChatCommand.Malformed(word, "请写明类别，例如：" + example(word))
                    : new ChatCommand.Categorise(no, tail);
            case "评价" -> tail.isEmpty() ? new ChatCommand.Malformed(word, "请写明评价，例如：" + example(word))
                    : new ChatCommand.Rate(no, tail);
            default -> throw new IllegalStateException("command word without a rule: " + word);
        };
    }

    private static String example(String word) {
        return switch (word) {
            case "办结" -> "办结 #12 已更换路灯";
            case "上报" -> "上报 #12 涉及多个村，需镇里协调";
            case "定级" -> "定级 #12 特殊";
            case "分类" -> "分类 #12 基础设施";
            case "评价" -> "评价 #12 满意";
            default -> word + " #12";
        };
    }

    /** Full-width ＃, digits and spaces as their ASCII selves; everything else untouched. */
    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '＃') {
                out.append('#');
            } else if (cp >= '０' && cp <= '９') {
                out.append((char) ('0' + (cp - '０')));
            } else if (cp == '\u3000' || cp == '\u00A0') {
                out.append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
