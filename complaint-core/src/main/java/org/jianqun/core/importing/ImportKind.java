package org.jianqun.core.importing;

import java.util.List;
import java.util.Optional;
import org.jianqun.core.wire.WireWords;

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
        return WireWords.of(this);
    }

    public static Optional<ImportKind> fromWire(String value) {
        return WireWords.parse(ImportKind.class, value);
    }
}
