package org.jianqun.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.disclosure.DisclosureFixture.DONGLING;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.JsonLines;
import org.jianqun.core.disclosure.UploadOutcome;
import org.jianqun.core.disclosure.warnings.SmartWarning;
import org.jianqun.core.disclosure.warnings.WarningRule;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.testing.CsvFiles;
import org.junit.jupiter.api.Test;

/** A subsidy to a cadre's registered relative (the fourth import, relatives) is warned of; the import never takes an ID number itself. */
class RelativeSubsidyTest {
    @Test
    void aSubsidyToARegisteredRelativeIsWarnedOf() throws Exception {
        try (DisclosureFixture f = new DisclosureFixture(Instant.parse("2026-04-02T02:00:00Z"), Map.of())) {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("fictional-id".getBytes(StandardCharsets.UTF_8)));
            ImportOutcome plain = f.core.importer().importCsv(ImportKind.RELATIVES, CsvFiles.csv("person,relative_name,id_number_hash,relation",
                    "cadre-dongling,林某某,35010219800101123X,配偶"), null);
            assertThat(plain).isInstanceOf(ImportOutcome.Rejected.class);
            assertThat(((ImportOutcome.Rejected) plain).problems().get(0).message()).contains("不收身份证号本身");
            ImportOutcome imported = f.core.importer().importCsv(ImportKind.RELATIVES, CsvFiles.csv("person,relative_name,id_number_hash,relation",
                    "cadre-dongling,林某某," + hash + ",配偶"), null);
            assertThat(imported).isInstanceOf(ImportOutcome.Applied.class);

            DisclosureMonth march = DisclosureMonth.parse("2026-03").orElseThrow();
            UploadOutcome outcome = new DisclosureModule(f.core).desk().upload(new Actor(1, "东岭村报账员", Role.BOOKKEEPER, DONGLING), DONGLING, march, 1,
                    null, ((JsonLines.Lines) JsonLines.parse(DisclosureFixture.donglingMarch("100"), march)).lines());
            SmartWarning relative = ((UploadOutcome.Accepted) outcome).warnings().stream().filter(w -> w.rule() == WarningRule.RELATIVE_SUBSIDY)
                    .findFirst().orElseThrow();
            assertThat(relative.colour().wireName()).as("by name: the line has no ID number (SubsidyWarningsTest has the red match)").isEqualTo("orange");
            assertThat(relative.message()).contains("林某某", "配偶", "同名");
            assertThat(relative.evidence().getJsonObject(0).getInteger("row")).isEqualTo(1);
        }
    }
}
