package org.jianqun.core.importing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The three spreadsheets an administrator loads a county from, with their exact columns (DESIGN.md). */
public enum ImportKind {
    REGIONS(List.of("code", "name", "level", "parent_code")),
    GROUPS(List.of("channel", "group_id", "village_code", "name")),
    PEOPLE(List.of("name", "role", "scope_code", "channel", "channel_user_id", "username", "password"));

    private final List<String> columns;

    ImportKind(List<String> columns) {
        this.columns = columns;
    }

    public List<String> columns() {
        return columns;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportKind> fromWire(String value) {
        for (ImportKind k : values()) {
            if (k.wireName().equals(value)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
