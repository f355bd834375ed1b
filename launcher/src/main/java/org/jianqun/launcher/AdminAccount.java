package org.jianqun.launcher;

import java.time.Clock;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigException;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.config.Profile;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.PersonMapper;

/**
 * Makes sure someone can log in to administer the platform: the first start creates the platform-wide
 * {@code admin} account. Its password is JIANQUN_ADMIN_PASSWORD; the demo profile falls back to
 * {@code demo-admin}, prod refuses to start without it. Later starts leave the account alone.
 */
final class AdminAccount {
    static final String USERNAME = "admin";
    static final String DEMO_PASSWORD = "demo-admin";

    private AdminAccount() {
    }

    static void ensure(JianqunConfig config, Database database, PasswordHasher hasher, Clock clock) {
        boolean exists = database.read(s -> s.getMapper(PersonMapper.class).findByUsername(USERNAME)) != null;
        if (exists) {
            return;
        }
        String password = config.adminPassword().orElseGet(() -> {
            if (config.profile() == Profile.PROD) {
                throw new ConfigException("JIANQUN_ADMIN_PASSWORD", "required the first time prod starts: there is no admin account yet");
            }
            return DEMO_PASSWORD;
        });
        String hash = hasher.hash(password);
        database.inTransaction(s -> {
            s.getMapper(PersonMapper.class).insert(new Person(null, "平台管理员", Role.ADMIN, null, null, null, USERNAME, hash), clock.instant());
            return null;
        });
    }
}
