package org.jianqun.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.UUID;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DatabaseLogTest {
    @Test
    void aRestartNamesTheSchemaVersionItFound() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:mem:log" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        Logger logger = (Logger) LoggerFactory.getLogger(Database.class);
        Level before = logger.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.INFO);
        try {
            Database.open(settings, 2).close();
            Database.open(settings, 2).close();
        } finally {
            logger.detachAppender(log);
            logger.setLevel(before);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).filteredOn(m -> m.startsWith("schema at version"))
                .hasSize(2).last().asString().matches("schema at version \\d+ \\(0 migrations applied now\\)");
    }
}
