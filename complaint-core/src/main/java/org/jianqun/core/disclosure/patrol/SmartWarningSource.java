package org.jianqun.core.disclosure.patrol;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.clues.ClueOrigin;
import org.jianqun.core.disclosure.warnings.WarningRule;
import org.jianqun.core.patrol.PatrolItem;
import org.jianqun.core.patrol.PatrolKey;
import org.jianqun.core.patrol.PatrolKind;
import org.jianqun.core.patrol.PatrolMapper;
import org.jianqun.core.patrol.PatrolSource;
import org.jianqun.core.patrol.PatrolWindow;
import org.jianqun.core.persistence.Database;

/**
 * The smart warnings (智能预警) raised on disclosure uploads, as patrol items: one per warning, its rule's label
 * and what it says. A clue made from one is entered by hand (the clue library knows no disclosure origin yet).
 */
public final class SmartWarningSource implements PatrolSource {
    public static final PatrolKind SMART_WARNING = new PatrolKind("smart_warning");

    private final Database database;

    public SmartWarningSource(Database database) {
        this.database = database;
        database.addMapper(Rows.class);
        database.addMapper(PatrolMapper.class);
    }

    public interface Rows {
        record Row(long id, String villageCode, String ruleName, String colour, String message, Instant raisedAt) {
        }

        String COLUMNS = "id, village_code AS villageCode, rule_name AS ruleName, colour, message, raised_at AS raisedAt";

        @Select("SELECT " + COLUMNS + " FROM disclosure_warning WHERE village_code LIKE CONCAT(#{scope}, '%') AND raised_at >= #{from} "
                + "AND raised_at < #{to} ORDER BY raised_at DESC, id DESC LIMIT #{limit}")
        List<Row> within(@Param("scope") String scope, @Param("from") Instant from, @Param("to") Instant to, @Param("limit") int limit);

        @Select("SELECT " + COLUMNS + " FROM disclosure_warning WHERE id = #{id}")
        Row find(@Param("id") long id);
    }

    @Override
    public Set<PatrolKind> kinds() {
        return Set.of(SMART_WARNING);
    }

    @Override
    public List<PatrolItem> unreviewed(PatrolWindow window, int limit) {
        return database.read(s -> {
            // Reviewed ones are left out after the read: read enough that a reviewed page does not hide the rest.
            List<Rows.Row> rows = s.getMapper(Rows.class).within(window.scope(), window.from(), window.to(), limit * 4 + 50);
            if (rows.isEmpty()) {
                return List.<PatrolItem>of();
            }
            Set<String> reviewed = new HashSet<>(s.getMapper(PatrolMapper.class).reviewed(window.office(), SMART_WARNING.wireName(),
                    rows.stream().map(r -> Long.toString(r.id())).toList()));
            return rows.stream().filter(r -> !reviewed.contains(Long.toString(r.id())))
                    .filter(r -> AccessPolicy.covers(window.officer(), r.villageCode())).limit(limit).map(SmartWarningSource::item).toList();
        });
    }

    @Override
    public Optional<PatrolItem> find(Actor officer, PatrolKey key) {
        if (!key.kind().equals(SMART_WARNING) || !key.ref().matches("[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        Rows.Row row = database.read(s -> s.getMapper(Rows.class).find(Long.parseLong(key.ref())));
        return row == null || !AccessPolicy.covers(officer, row.villageCode()) ? Optional.empty() : Optional.of(item(row));
    }

    private static PatrolItem item(Rows.Row r) {
        String label = WarningRule.fromWire(r.ruleName().toLowerCase(java.util.Locale.ROOT)).map(WarningRule::label).orElse(r.ruleName());
        return new PatrolItem(new PatrolKey(SMART_WARNING, Long.toString(r.id())), r.raisedAt(), r.villageCode(), null,
                "【智能预警·" + label + "】" + r.message(), List.of(), ClueOrigin.MANUAL);
    }
}
