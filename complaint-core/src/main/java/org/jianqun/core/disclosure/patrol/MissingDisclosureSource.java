package org.jianqun.core.disclosure.patrol;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.clues.ClueOrigin;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.missing.MissingDisclosures;
import org.jianqun.core.patrol.PatrolItem;
import org.jianqun.core.patrol.PatrolKey;
import org.jianqun.core.patrol.PatrolKind;
import org.jianqun.core.patrol.PatrolMapper;
import org.jianqun.core.patrol.PatrolSource;
import org.jianqun.core.patrol.PatrolWindow;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.ticket.WarningColour;

/** Villages whose month is missing and red (7 working days past the push day), as patrol items: one per village and month. */
public final class MissingDisclosureSource implements PatrolSource {
    public static final PatrolKind MISSING_DISCLOSURE = new PatrolKind("missing_disclosure");

    private final Database database;
    private final MissingDisclosures missing;

    public MissingDisclosureSource(Database database, MissingDisclosures missing) {
        this.database = database;
        this.missing = missing;
        database.addMapper(PatrolMapper.class);
    }

    @Override
    public Set<PatrolKind> kinds() {
        return Set.of(MISSING_DISCLOSURE);
    }

    @Override
    public List<PatrolItem> unreviewed(PatrolWindow window, int limit) {
        LocalDate day = LocalDate.ofInstant(window.to().minusMillis(1), DisclosureMonth.ZONE);
        List<MissingDisclosures.Missing> red = new ArrayList<>();
        for (DisclosureMonth month : missing.recentMonths()) {
            missing.of(month, window.scope(), day).stream().filter(m -> m.colour() == WarningColour.RED)
                    .filter(m -> !m.redAt().isBefore(window.from()) && m.redAt().isBefore(window.to()))
                    .filter(m -> AccessPolicy.covers(window.officer(), m.villageCode())).forEach(red::add);
        }
        if (red.isEmpty()) {
            return List.of();
        }
        Set<String> reviewed = new HashSet<>(database.read(s -> s.getMapper(PatrolMapper.class).reviewed(window.office(),
                MISSING_DISCLOSURE.wireName(), red.stream().map(MissingDisclosureSource::ref).toList())));
        return red.stream().filter(m -> !reviewed.contains(ref(m))).limit(limit).map(MissingDisclosureSource::item).toList();
    }

    @Override
    public Optional<PatrolItem> find(Actor officer, PatrolKey key) {
        String[] parts = key.ref().split("@", -1);
        if (!key.kind().equals(MISSING_DISCLOSURE) || parts.length != 2 || !parts[0].matches("[0-9]{12}")) {
            return Optional.empty();
        }
        Optional<DisclosureMonth> month = DisclosureMonth.parse(parts[1]);
        if (month.isEmpty() || !AccessPolicy.covers(officer, parts[0])) {
            return Optional.empty();
        }
        return missing.find(parts[0], month.get()).filter(m -> m.colour() == WarningColour.RED).map(MissingDisclosureSource::item);
    }

    static String ref(MissingDisclosures.Missing m) {
        return m.villageCode() + "@" + m.month().wire();
    }

    private static PatrolItem item(MissingDisclosures.Missing m) {
        return new PatrolItem(new PatrolKey(MISSING_DISCLOSURE, ref(m)), m.redAt(), m.villageCode(), null,
                "【三务公开未提交】" + m.villageName() + " " + m.month().label() + "：推送日 " + m.pushDate() + " 后已超过 "
                        + MissingDisclosures.RED_AFTER + " 个工作日仍未提交", List.of(), ClueOrigin.MANUAL);
    }
}
