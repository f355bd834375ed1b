package org.jianqun.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.ImportProblem;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.importing.TableFile;
import org.jianqun.core.importing.TableFormat;
import org.jianqun.core.importing.TableLimits;
import org.jianqun.core.importing.TableReader;
import org.jianqun.core.importing.TableReading;
import org.jianqun.core.persistence.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jianqun import KIND FILE}: the same all-or-nothing import as the HTTP endpoint, run as the
 * operator (platform-wide) straight against the configured database (or the embedded one in
 * ./data, even while the platform runs). The file is a CSV (UTF-8, or GB18030 as Excel saves "CSV" on a Chinese
 * Windows) or an .xlsx workbook, told by its content and extension. Prints how it was read, then the counts, or
 * one line per problem as {@code FILE:LINE: field: message}.
 */
@Command(name = "import", description = "Import regions, groups or people from a CSV (UTF-8 or GB18030) or .xlsx file.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KIND", description = "regions, groups or people")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "the .csv or .xlsx file")
    Path file;

    @Override
    public Integer call() throws IOException {
        ImportKind importKind = ImportKind.fromWire(kind).orElseThrow(() ->
                new IllegalArgumentException("KIND: '" + kind + "' is not an import; use regions, groups or people"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("FILE: " + file + " is not a readable file");
        }
        if (Files.size(file) > TableLimits.OPERATOR.maxBytes()) {
            throw new IllegalArgumentException("FILE: " + file + " is over " + TableLimits.OPERATOR.maxBytes() / (1024 * 1024) + " MB; split it by county");
        }
        byte[] bytes = Files.readAllBytes(file);
        TableReading reading = TableReader.read(bytes, TableFormat.ofFileName(file.getFileName().toString()), TableLimits.OPERATOR);
        if (reading instanceof TableReading.Unreadable unreadable) {
            return refused(unreadable.problems());
        }
        TableFile table = ((TableReading.Read) reading).file();
        System.out.println(file + ": read as " + table.readAs());
        JianqunConfig config = JianqunConfig.load(ConfigSource.fromEnvironment(System.getenv()));
        try (Database database = EmbeddedDatabase.openForCommand(config, 4)) {
            OrganisationImporter importer = new OrganisationImporter(database, new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS), config.clock());
            ImportOutcome outcome = importer.importTable(importKind, table, null);
            if (outcome instanceof ImportOutcome.Applied a) {
                System.out.printf("%s: %d rows: %d inserted, %d updated, %d unchanged%n", importKind.wireName(), a.rows(), a.inserted(), a.updated(), a.unchanged());
                return 0;
            }
            return refused(((ImportOutcome.Rejected) outcome).problems());
        }
    }

    private int refused(List<ImportProblem> problems) {
        problems.forEach(p -> System.err.printf("%s:%d: %s%s%n", file, p.line(), p.field().isEmpty() ? "" : p.field() + ": ", p.message()));
        System.err.println("nothing was imported");
        return 1;
    }
}
