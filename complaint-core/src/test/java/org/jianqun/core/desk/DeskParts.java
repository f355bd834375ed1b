package org.jianqun.core.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import java.time.Clock;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.testing.TestDatabase;

/** The desk's three parts over one fresh database with the test county imported, as {@code CoreServices} builds them. */
record DeskParts(TestDatabase db, TicketDesk desk, TicketQueries queries, DeadlineSweep sweep) {
    static DeskParts open(Clock clock) {
        TestDatabase db = TestDatabase.fresh();
        new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock).importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
        return new DeskParts(db, new TicketDesk(db.database(), calendar, clock), new TicketQueries(db.database(), calendar, clock),
                new DeadlineSweep(db.database(), calendar, clock));
    }

    /** The ticket a command that must be accepted stored; the refusal is shown when it was not. */
    static TicketRow done(DeskResult result) {
        assertThat(result).as("%s", result).isInstanceOf(DeskResult.Done.class);
        return ((DeskResult.Done) result).ticket();
    }
}
