package org.jianqun.core.organisation;

import java.util.Optional;

/**
 * The division codes as the platform uses them and as people write them. Stored in the short form, whose
 * length says the level (city 4 digits, county 6, town 9, village 12) and which extends its parent's. Read
 * also in the forms people copy from the statistics bureau and GB/T 2260: the 12-digit statistical code of
 * every level (city 350500000000, county 350521000000, town 350521100000) and the 6-digit code of a city
 * (350500). Each rule answers with the problem in words (for an import error, an API answer or a chat
 * reply), or empty when the code is fine.
 */
public final class DivisionCode {
    /** What a person may write, listed in every error about a code's form. */
    public static final String ACCEPTED_FORMS = "可写为：市 4 位（3505）、6 位（350500）或 12 位（350500000000）；"
            + "县 6 位（350521）或 12 位（350521000000）；镇 9 位（350521100）或 12 位（350521100000）；村 12 位（350521100201）";

    private static final int FULL = 12;
    private static final int GB2260 = 6;

    private DivisionCode() {
    }

    /** A code as written, read to its short form and level, or why it is not a code. */
    public sealed interface Reading {
        /** The refusal's words, or empty when the code was read. */
        Optional<String> problem();
    }

    /** A code read: its short (stored) form and the level it names. */
    public record Read(String code, RegionLevel level) implements Reading {
        @Override
        public Optional<String> problem() {
            return Optional.empty();
        }
    }

    public record Refused(String reason) implements Reading {
        @Override
        public Optional<String> problem() {
            return Optional.of(reason);
        }
    }

    /**
     * Reads a code of any level, the level told by its form: 4 digits a city; 6 a county, or a city when it
     * ends in 00 (GB/T 2260; no county's own digits are 00); 9 a town; 12 a village, or the level whose
     * trailing digits are zeros (statistical form).
     */
    public static Reading read(String written) {
        String code = written == null ? "" : written.strip();
        Optional<String> notDigits = notDigits(code);
        if (notDigits.isPresent()) {
            return new Refused(notDigits.get());
        }
        RegionLevel level;
        String shortCode;
        switch (code.length()) {
            case 4 -> {
                level = RegionLevel.CITY;
                shortCode = code;
            }
            case GB2260 -> {
                level = code.endsWith("00") ? RegionLevel.CITY : RegionLevel.COUNTY;
                shortCode = code.substring(0, level.codeLength());
            }
            case 9 -> {
                level = RegionLevel.TOWN;
                shortCode = code;
            }
            case FULL -> {
                level = levelOfFullCode(code);
                shortCode = code.substring(0, level.codeLength());
            }
            default -> {
                return new Refused("“" + code + "”有 " + code.length() + " 位，不是区划代码；" + ACCEPTED_FORMS);
            }
        }
        Optional<String> problem = problem(code, shortCode, level);
        return problem.<Reading>map(Refused::new).orElse(new Read(shortCode, level));
    }

    /** Reads a code that must be of the given level, in its short form or that level's long forms. */
    public static Reading read(String written, RegionLevel level) {
        String code = written == null ? "" : written.strip();
        Optional<String> notDigits = notDigits(code);
        if (notDigits.isPresent()) {
            return new Refused(notDigits.get());
        }
        String shortCode = null;
        if (code.length() == level.codeLength()) {
            shortCode = code;
        } else if (code.length() == FULL && zeros(code.substring(level.codeLength()))) {
            shortCode = code.substring(0, level.codeLength());
        } else if (level == RegionLevel.CITY && code.length() == GB2260 && code.endsWith("00")) {
            shortCode = code.substring(0, level.codeLength());
        }
        Optional<String> problem = shortCode == null ? Optional.of("") : problem(code, shortCode, level);
        if (problem.isEmpty()) {
            return new Read(shortCode, level);
        }
        // Another level's code in the wrong place says so: "350521100000" is a town's, not a village's.
        if (read(code) instanceof Read other && other.level() != level) {
            return new Refused("“" + code + "”是" + noun(other.level()) + "的代码；这里要" + noun(level) + "的代码，" + formsOf(level));
        }
        return new Refused(shortCode == null ? "“" + code + "”不是" + noun(level) + "的代码；" + formsOf(level) : problem.get());
    }

    /** Checks a short-form code of a known level: digits, its level's length, its own digits not all zero. */
    public static Optional<String> problemWithCode(String code, RegionLevel level) {
        return problem(code, code, level);
    }

    /** The problem of a short code, naming it as it was written. */
    private static Optional<String> problem(String written, String code, RegionLevel level) {
        String shown = "“" + written + "”";
        if (code.isEmpty()) {
            return Optional.of("为空");
        }
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(shown + "只能由数字组成");
        }
        if (code.length() != level.codeLength()) {
            return Optional.of(shown + "有 " + code.length() + " 位；" + noun(level) + "的代码有 " + level.codeLength() + " 位（" + formsOf(level) + "）");
        }
        if (zeros(code)) {
            return Optional.of(shown + "全是 0");
        }
        // A city's own digits follow the province's two.
        int parentLength = level.parent().map(RegionLevel::codeLength).orElse(2);
        if (zeros(code.substring(parentLength))) {
            return Optional.of(shown + "中本应是" + noun(level) + "自己编号的几位全是 0");
        }
        return Optional.empty();
    }

    /** Checks a short-form parent code against its child's. */
    public static Optional<String> problemWithParent(String code, RegionLevel level, String parentCode) {
        RegionLevel expected = level.parent().orElse(null);
        if (expected == null) {
            return parentCode.isEmpty() ? Optional.empty() : Optional.of("市没有上级；parent_code 请留空");
        }
        if (parentCode.isEmpty()) {
            return Optional.of(noun(level) + "须写明所属" + noun(expected) + "的代码");
        }
        if (parentCode.length() != expected.codeLength()) {
            return Optional.of("“" + parentCode + "”不是" + noun(expected) + "的代码（" + expected.codeLength() + " 位）");
        }
        if (!code.startsWith(parentCode)) {
            return Optional.of("“" + code + "”不在所属" + noun(expected) + "“" + parentCode + "”之下（代码应以它开头）");
        }
        return Optional.empty();
    }

    /** True when a scope code covers the target code: the target is the scope or lies inside it. */
    public static boolean covers(String scopeCode, String targetCode) {
        return targetCode.startsWith(scopeCode);
    }

    /** 市, 县, 镇, 村. */
    public static String noun(RegionLevel level) {
        return switch (level) {
            case CITY -> "市";
            case COUNTY -> "县";
            case TOWN -> "镇";
            case VILLAGE -> "村";
        };
    }

    private static String formsOf(RegionLevel level) {
        return switch (level) {
            case CITY -> "可写为 3505、350500 或 350500000000";
            case COUNTY -> "可写为 350521 或 350521000000";
            case TOWN -> "可写为 350521100 或 350521100000";
            case VILLAGE -> "如 350521100201";
        };
    }

    private static RegionLevel levelOfFullCode(String code) {
        if (zeros(code.substring(RegionLevel.CITY.codeLength()))) {
            return RegionLevel.CITY;
        }
        if (zeros(code.substring(RegionLevel.COUNTY.codeLength()))) {
            return RegionLevel.COUNTY;
        }
        if (zeros(code.substring(RegionLevel.TOWN.codeLength()))) {
            return RegionLevel.TOWN;
        }
        return RegionLevel.VILLAGE;
    }

    private static Optional<String> notDigits(String code) {
        if (code.isEmpty()) {
            return Optional.of("区划代码为空；" + ACCEPTED_FORMS);
        }
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("“" + code + "”只能由数字组成；" + ACCEPTED_FORMS);
        }
        return Optional.empty();
    }

    private static boolean zeros(String digits) {
        return digits.chars().allMatch(c -> c == '0');
    }
}
