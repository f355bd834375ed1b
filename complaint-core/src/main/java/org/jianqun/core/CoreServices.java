package org.jianqun.core;

import java.time.Clock;
import org.jianqun.core.account.ActorDirectory;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.account.LoginThrottle;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.account.SessionStore;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.desk.DeadlineSweep;
import org.jianqun.core.desk.HolidayLoads;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.redis.RedisStore;

/**
 * The domain services of one process, built once over one database, one Redis and one clock, and
 * handed to every module's routes and verticles. Owns neither connection: whoever opened them closes them.
 */
public record CoreServices(JianqunConfig config, Clock clock, Database database, RedisStore redis,
                           ActorDirectory actors, AuthService auth, OrganisationImporter importer,
                           WorkingDayCalendar calendar, TicketDesk desk, TicketQueries queries, DeadlineSweep sweep,
                           HolidayLoads holidays) {

    public static CoreServices assemble(JianqunConfig config, Clock clock, Database database, RedisStore redis, PasswordHasher hasher) {
        ActorDirectory actors = new ActorDirectory(database);
        AuthService auth = new AuthService(database, new SessionStore(redis), new LoginThrottle(redis), actors, hasher,
                clock, config.sessionTtl());
        WorkingDayCalendar calendar = new WorkingDayCalendar(config.holidayDir().orElse(null));
        // The years administrators loaded (holiday_year) replace the shipped ones before anything counts a deadline.
        HolidayLoads holidays = new HolidayLoads(database, calendar, clock);
        holidays.refresh();
        return new CoreServices(config, clock, database, redis, actors, auth, new OrganisationImporter(database, hasher, clock),
                calendar, new TicketDesk(database, calendar, clock), new TicketQueries(database, calendar, clock),
                new DeadlineSweep(database, calendar, clock), holidays);
    }
}
