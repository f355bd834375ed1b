package org.jianqun.core.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A resident identity card number (公民身份号码, GB 11643-1999): 17 digits and a check character (0-9 or X),
 * the ISO 7064 MOD 11-2 checksum of the 17, with a real birth date in digits 7-14. {@code toString} masks it.
 */
public final class IdNumber {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private final String value;

    private IdNumber(String value) {
        this.value = value;
    }

    /** What is wrong with the text as an ID number, in Chinese; empty when it is one. Never repeats the text. */
    public static Optional<String> problem(String text) {
        if (text == null || !text.strip().matches("\\d{17}[\\dXx]")) {
            return Optional.of("身份证号须为 18 位（17 位数字加 1 位校验码）");
        }
        String s = text.strip().toUpperCase();
        try {
            LocalDate.of(Integer.parseInt(s.substring(6, 10)), Integer.parseInt(s.substring(10, 12)), Integer.parseInt(s.substring(12, 14)));
        } catch (DateTimeException e) {
            return Optional.of("身份证号中的出生日期无效");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (s.charAt(i) - '0') * WEIGHTS[i];
        }
        if (CHECK[sum % 11] != s.charAt(17)) {
            return Optional.of("身份证号校验码不对，请核对后重新填写");
        }
        return Optional.empty();
    }

    public static Optional<IdNumber> parse(String text) {
        return problem(text).isPresent() ? Optional.empty() : Optional.of(new IdNumber(text.strip().toUpperCase()));
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "IdNumber[****]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdNumber other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
