package org.jianqun.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.gateway.inbox.InboundMessage;
import org.jianqun.gateway.inbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo profile's county (a fictional county 清源县 under a fictional city 示范市: 3 towns × 5 villages, one or two bridge
 * groups per village, cadres, resident cadres, officers, a discipline officer) through the same CSV
 * importer an administrator uses, from {@code demo/*.csv} in this jar. Runs only on an empty database.
 *
 * <p>So that the demo's discipline officers ({@code town1-jjw}, {@code county-jjw}) find something in their
 * patrol queue (网巡), a villager of 东岭村 has said something the gateway flags: one group message, stored in
 * the inbox as the bridge would store it and processed by the gateway like any (flagged, never answered). It
 * makes no ticket, so the walkthrough's first ticket is still {@code #1}.
 */
final class DemoCounty {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCounty.class);
    static final String COUNTY_CODE = "359901";

    private DemoCounty() {
    }

    /** The demo's flagged message: its group and sender are demo/groups.csv's and demo/people.csv's. */
    static final String PATROL_MESSAGE = "听说今年村里的低保名额优亲厚友，评上的都是村干部的亲戚";

    static boolean seedIfEmpty(Database database, OrganisationImporter importer, Clock clock) {
        if (database.read(s -> s.getMapper(RegionMapper.class).count()) > 0) {
            return false;
        }
        for (ImportKind kind : ImportKind.values()) {
            ImportOutcome outcome = importer.importCsv(kind, resource("demo/" + kind.wireName() + ".csv"), null);
            if (outcome instanceof ImportOutcome.Rejected rejected) {
                throw new IllegalStateException("the demo " + kind.wireName() + " file is wrong: " + rejected.problems());
            }
            LOG.info("demo county: {} seeded ({})", kind.wireName(), outcome);
        }
        try (Inbox inbox = new Inbox(database, clock)) {
            inbox.store(new InboundMessage(Channel.BRIDGE, "demo-patrol-1", "demo-359901100201-1", "villager-359901100201-1",
                    "东岭村村民甲（示范）", InboundMessage.Kind.TEXT, PATROL_MESSAGE, null, null, false, clock.instant()));
        }
        LOG.info("demo county: a villager's flagged message waits in the discipline officers' patrol queue");
        return true;
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoCounty.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
