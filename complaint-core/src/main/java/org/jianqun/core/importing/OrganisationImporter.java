package org.jianqun.core.importing;

import java.time.Clock;
import java.time.Instant;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.persistence.Database;

/**
 * Loads regions, groups or people from a CSV file, all-or-nothing and idempotent: every row is
 * checked before any is written, the writes share one transaction, and a row equal to what is stored
 * is left alone. Blocking: call from a worker thread (HTTP) or the CLI.
 */
public final class OrganisationImporter {
    private final Database database;
    private final PasswordHasher hasher;
    private final Clock clock;

    public OrganisationImporter(Database database, PasswordHasher hasher, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Imports on behalf of someone scoped to {@code scopeCode} (null: platform-wide): every region,
     * group and person in the file must lie inside that scope.
     */
    public ImportOutcome importCsv(ImportKind kind, byte[] csv, String scopeCode) {
        ImportProblems problems = new ImportProblems();
        CsvTable table = CsvTable.parse(csv, kind.columns(), kind.optionalColumns(), problems);
        return table == null ? new ImportOutcome.Rejected(kind, problems.list()) : apply(kind, table, scopeCode, problems);
    }

    /** The same, from a file {@link TableReader} has read (CSV in UTF-8 or GB18030, or .xlsx). */
    public ImportOutcome importTable(ImportKind kind, TableFile file, String scopeCode) {
        ImportProblems problems = new ImportProblems();
        CsvTable table = CsvTable.of(file, kind.columns(), kind.optionalColumns(), problems);
        return table == null ? new ImportOutcome.Rejected(kind, problems.list()) : apply(kind, table, scopeCode, problems);
    }

    private ImportOutcome apply(ImportKind kind, CsvTable table, String scopeCode, ImportProblems problems) {
        Instant now = clock.instant();
        ImportScope scope = new ImportScope(scopeCode);
        // Slow hashes are made before the transaction opens, so it holds no lock or connection meanwhile.
        PeopleImport.InitialPasswords passwords = kind == ImportKind.PEOPLE ? PeopleImport.hashNewAccounts(table, database, hasher) : null;
        return database.inBatchTransaction(session -> switch (kind) {
            case REGIONS -> RegionImport.run(table, session, now, scope, problems);
            case GROUPS -> GroupImport.run(table, session, now, scope, problems);
            case PEOPLE -> PeopleImport.run(table, session, now, scope, passwords, problems);
            case RELATIVES -> RelativeImport.run(table, session, now, scope, problems);
        });
    }
}
