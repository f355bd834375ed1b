package org.jianqun.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.persistence.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jianqun import KIND FILE}: the same all-or-nothing import as the HTTP endpoint, run as the
 * operator (platform-wide) straight against the configured database (or the embedded one in
 * ./data, even while the platform runs). Prints one line per problem as {@code FILE:LINE: field: message}.
 */
@Command(name = "import", description = "Import regions, groups or people from a UTF-8 CSV file.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KIND", description = "regions, groups or people")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "the CSV file")
    Path file;

    @Override
    public Integer call() throws IOException {
        ImportKind importKind = ImportKind.fromWire(kind).orElseThrow(() ->
                new IllegalArgumentException("KIND: '" + kind + "' is not an import; use regions, groups or people"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("FILE: " + file + " is not a readable file");
        }
        if (Files.size(file) > 512L * 1024 * 1024) {
            throw new IllegalArgumentException("FILE: " + file + " is over 512 MB; split it by county");
        }
        byte[] csv = Files.readAllBytes(file);
        JianqunConfig config = JianqunConfig.load(ConfigSource.fromEnvironment(System.getenv()));
        try (Database database = EmbeddedDatabase.openForCommand(config, 4)) {
            OrganisationImporter importer = new OrganisationImporter(database, new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS), config.clock());
            ImportOutcome outcome = importer.importCsv(importKind, csv, null);
            if (outcome instanceof ImportOutcome.Applied a) {
                System.out.printf("%s: %d rows: %d inserted, %d updated, %d unchanged%n", importKind.wireName(), a.rows(), a.inserted(), a.updated(), a.unchanged());
                return 0;
            }
            ImportOutcome.Rejected rejected = (ImportOutcome.Rejected) outcome;
            rejected.problems().forEach(p -> System.err.printf("%s:%d: %s%s%n", file, p.line(), p.field().isEmpty() ? "" : p.field() + ": ", p.message()));
            System.err.println("nothing was imported");
            return 1;
        }
    }
}
