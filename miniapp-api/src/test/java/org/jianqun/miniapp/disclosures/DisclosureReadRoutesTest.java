package org.jianqun.miniapp.disclosures;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.disclosure.DisclosureDesk;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.JsonLines;
import org.jianqun.core.disclosure.Rendering;
import org.jianqun.core.disclosure.UploadOutcome;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.testing.CsvFiles;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The mini-program shows published versions only, each with its month's corrections marked 更正. */
class DisclosureReadRoutesTest {
    private static final String VILLAGE = "359901100201";

    @Test
    void publishedVersionsWithTheirCorrectionsAndNothingElse() {
        MutableClock clock = new MutableClock(Instant.parse("2026-04-06T02:00:00Z"));
        try (TestDatabase db = TestDatabase.fresh()) {
            new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock).importCsv(ImportKind.REGIONS, CsvFiles.csv(CsvFiles.REGIONS), null);
            Rendering plain = s -> new Rendering.Rendered("## " + (s.version() > 1 ? "【更正】" : "") + s.villageName() + " " + s.month().label(),
                    Optional.of(new byte[] {(byte) 0x89, 'P', 'N', 'G'}), Optional.empty());
            DisclosureDesk desk = new DisclosureDesk(db.database(), clock, plain);
            Actor bookkeeper = new Actor(1, "东岭村报账员", Role.BOOKKEEPER, VILLAGE);
            DisclosureMonth march = DisclosureMonth.parse("2026-03").orElseThrow();
            long v1 = uploaded(desk.upload(bookkeeper, VILLAGE, march, 1, null, lines("1200")));
            desk.publishDue(5, 10);
            clock.advance(Duration.ofHours(1));
            long v2 = uploaded(desk.upload(bookkeeper, VILLAGE, march, 2, "补录一笔收入", lines("1500")));
            desk.publishDue(5, 10);
            long draft = uploaded(desk.upload(bookkeeper, VILLAGE, DisclosureMonth.parse("2026-04").orElseThrow(), 1, null, lines("10")));

            try (TestServer server = TestServer.start(List.of((router, blocking) ->
                    new DisclosureReadRoutes(db.database(), b -> ctx -> ctx.next()).mount(router, blocking)))) {
                JsonObject month = server.get("/miniapp/v1/villages/" + VILLAGE + "/disclosures?month=2026-03", null).json();
                JsonArray list = month.getJsonArray("disclosures");
                assertThat(list).hasSize(2);
                assertThat(list.getJsonObject(0).getLong("id")).as("newest first").isEqualTo(v2);
                assertThat(list.getJsonObject(0).getString("label")).isEqualTo("更正");
                assertThat(list.getJsonObject(0).getString("correctionReason")).isEqualTo("补录一笔收入");

                JsonObject first = server.get("/miniapp/v1/disclosures/" + v1, null).json();
                assertThat(first.getBoolean("latest")).isFalse();
                assertThat(first.getJsonArray("versions")).hasSize(2);
                assertThat(first.getString("summary")).contains("东岭村 2026年3月");
                assertThat(server.get("/miniapp/v1/disclosures/" + v2, null).json().getBoolean("latest")).isTrue();
                TestServer.Reply png = server.get("/miniapp/v1/disclosures/" + v2 + "/details.png", null);
                assertThat(png.status()).isEqualTo(200);
                assertThat(png.header("Content-Type")).isEqualTo("image/png");

                TestServer.Reply unpublished = server.get("/miniapp/v1/disclosures/" + draft, null);
                assertThat(unpublished.status()).as("April is ready, not published before its push day").isEqualTo(404);
                assertThat(unpublished.json().getString("error")).isEqualTo("disclosure_not_found");
                assertThat(server.get("/miniapp/v1/villages/" + VILLAGE + "/disclosures?month=2026-13", null).status()).isEqualTo(400);
            }
        }
    }

    private static long uploaded(UploadOutcome outcome) {
        assertThat(outcome).isInstanceOf(UploadOutcome.Accepted.class);
        return ((UploadOutcome.Accepted) outcome).disclosureId();
    }

    private static org.jianqun.core.disclosure.DisclosureLines lines(String income) {
        JsonLines.Parsed parsed = JsonLines.parse(new JsonObject().put("finance", new JsonArray()
                .add(new JsonObject().put("kind", "income").put("item", "租金").put("amount", income))), DisclosureMonth.parse("2026-03").orElseThrow());
        return ((JsonLines.Lines) parsed).lines();
    }
}
