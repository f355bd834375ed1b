package org.jianqun.core.importing;

import java.util.List;
import java.util.Optional;
import org.jianqun.core.wire.WireWords;

/**
 * The spreadsheets an administrator loads a county from (and a fourth: cadres' registered relatives), with their exact columns (DESIGN.md),
 * and the columns a file may add. groups.csv may say what a group is for ({@code purpose}: villagers,
 * officers, discipline) and give an internal group's robot key ({@code robot_key}); a four-column file
 * from before keeps its meaning.
 */
public enum ImportKind {
    REGIONS(List.of("code", "name", "level", "parent_code"), List.of()),
    GROUPS(List.of("channel", "group_id", "village_code", "name"), List.of("purpose", "robot_key")),
    PEOPLE(List.of("name", "role", "scope_code", "channel", "channel_user_id", "username", "password"), List.of()),
    /** A cadre's registered relatives, for the disclosure's {@code relative_subsidy} warning ({@link RelativeImport}). */
    RELATIVES(List.of("person", "relative_name", "id_number_hash", "relation"), List.of());

    private final List<String> columns;
    private final List<String> optionalColumns;

    ImportKind(List<String> columns, List<String> optionalColumns) {
        this.columns = columns;
        this.optionalColumns = optionalColumns;
    }

    /** Columns every file must have. */
    public List<String> columns() {
        return columns;
    }

    /** Columns a file may have; an absent one reads as empty cells. */
    public List<String> optionalColumns() {
        return optionalColumns;
    }

    public String wireName() {
        return WireWords.of(this);
    }

    public static Optional<ImportKind> fromWire(String value) {
        return WireWords.parse(ImportKind.class, value);
    }
}
