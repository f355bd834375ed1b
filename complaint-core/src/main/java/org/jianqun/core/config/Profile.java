package org.jianqun.core.config;

/** {@code demo}: seeded demo county, sandbox clock allowed. {@code prod}: nothing invented. */
public enum Profile {
    DEMO, PROD;

    static Profile parse(String variable, String value) {
        return switch (value) {
            case "demo" -> DEMO;
            case "prod" -> PROD;
            default -> throw new ConfigException(variable, "must be demo or prod, got '" + value + "'");
        };
    }
}
