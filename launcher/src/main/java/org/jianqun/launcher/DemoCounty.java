package org.jianqun.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.RegionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo profile's county (a fictional county 清源县 under a fictional city 示范市: 3 towns × 5 villages, one or two bridge
 * groups per village, cadres, resident cadres, officers, a discipline officer) through the same CSV
 * importer an administrator uses, from {@code demo/*.csv} in this jar. Runs only on an empty database.
 */
final class DemoCounty {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCounty.class);
    static final String COUNTY_CODE = "359901";

    private DemoCounty() {
    }

    static boolean seedIfEmpty(Database database, OrganisationImporter importer) {
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
