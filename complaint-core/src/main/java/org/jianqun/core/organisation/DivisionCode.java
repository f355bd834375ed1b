package org.jianqun.core.organisation;

import java.util.Optional;

/**
 * The rules of the 12-digit statistical division codes as the platform uses them: digits only, the
 * length says the level, and a child's code extends its parent's. Each rule answers with the problem
 * in words (for an import error or a chat reply), or empty when the code is fine.
 */
public final class DivisionCode {
    private DivisionCode() {
    }

    public static Optional<String> problemWithCode(String code, RegionLevel level) {
        if (code.isEmpty()) {
            return Optional.of("is empty");
        }
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("'" + code + "' must be digits only");
        }
        if (code.length() != level.codeLength()) {
            return Optional.of("'" + code + "' has " + code.length() + " digits; a " + level.wireName() + " code has " + level.codeLength());
        }
        if (code.chars().allMatch(c -> c == '0')) {
            return Optional.of("'" + code + "' is all zeros");
        }
        if (level != RegionLevel.CITY) {
            int parentLength = level.parent().orElseThrow().codeLength();
            if (code.substring(parentLength).chars().allMatch(c -> c == '0')) {
                return Optional.of("'" + code + "' ends in zeros where the " + level.wireName() + "'s own digits belong");
            }
        }
        return Optional.empty();
    }

    public static Optional<String> problemWithParent(String code, RegionLevel level, String parentCode) {
        RegionLevel expected = level.parent().orElse(null);
        if (expected == null) {
            return parentCode.isEmpty() ? Optional.empty() : Optional.of("a city has no parent; leave parent_code empty");
        }
        if (parentCode.isEmpty()) {
            return Optional.of("a " + level.wireName() + " needs the code of its " + expected.wireName());
        }
        if (parentCode.length() != expected.codeLength()) {
            return Optional.of("'" + parentCode + "' is not a " + expected.wireName() + " code (" + expected.codeLength() + " digits)");
        }
        if (!code.startsWith(parentCode)) {
            return Optional.of("'" + code + "' does not extend its " + expected.wireName() + "'s code '" + parentCode + "'");
        }
        return Optional.empty();
    }

    /** True when a scope code covers the target code: the target is the scope or lies inside it. */
    public static boolean covers(String scopeCode, String targetCode) {
        return targetCode.startsWith(scopeCode);
    }
}
