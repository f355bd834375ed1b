package org.jianqun.core.disclosure.warnings;

import io.vertx.core.json.JsonObject;
import org.jianqun.core.disclosure.DisclosureLines;
import org.jianqun.core.disclosure.DisclosureMapper;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.JsonLines;
import org.jianqun.core.identity.IdNumberHash;

/**
 * A version's subsidy lines as rows of {@code disclosure_subsidy}, what {@link WarningRule#SUBSIDY_TWICE} reads
 * over a period of the county. Written with the version; versions stored before V24 are copied the first time
 * their county uploads again.
 */
public final class SubsidyIndex {
    /** A county has at most a few thousand versions a year: one upload copies them all. */
    static final int CATCH_UP_LIMIT = 100_000;

    private SubsidyIndex() {
    }

    /** The version's rows, replacing any it had (a re-upload of a version still with the bookkeeper). */
    public static void store(DisclosureMapper mapper, long disclosureId, String countyCode, String villageCode, DisclosureMonth month,
                             DisclosureLines lines) {
        mapper.deleteSubsidies(disclosureId);
        for (DisclosureLines.Subsidy s : lines.subsidies()) {
            mapper.insertSubsidy(disclosureId, countyCode, villageCode, month.wire(), s, s.idNumber().map(IdNumberHash::hex).orElse(null));
        }
    }

    /**
     * Copies the rows of the county's versions stored before V24. The claim is an update of the version's flag,
     * so of two uploads at once one copies and the other waits for it and finds nothing left.
     */
    static void catchUp(DisclosureMapper mapper, String countyCode) {
        for (DisclosureMapper.DisclosureRow row : mapper.subsidiesNotIndexed(countyCode, CATCH_UP_LIMIT)) {
            if (mapper.claimSubsidyIndex(row.id()) != 1) {
                continue;
            }
            DisclosureMonth month = DisclosureMonth.parse(row.disclosureMonth()).orElseThrow();
            if (JsonLines.parse(new JsonObject(row.linesJson()), month) instanceof JsonLines.Lines lines) {
                store(mapper, row.id(), row.countyCode(), row.villageCode(), month, lines.lines());
            }
        }
    }
}
