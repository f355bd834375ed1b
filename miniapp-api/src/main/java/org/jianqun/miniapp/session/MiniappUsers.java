package org.jianqun.miniapp.session;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.DatabaseFailures;
import org.jianqun.miniapp.me.PhoneSealer;

/** The mini-program's users: signing in by openid, their home village and phone. Blocking (database). */
public final class MiniappUsers {
    private final Database database;
    private final PhoneSealer phones;
    private final Clock clock;

    public MiniappUsers(Database database, PhoneSealer phones, Clock clock) {
        this.database = database;
        this.phones = phones;
        this.clock = clock;
        database.addMapper(MiniappUserMapper.class);
    }

    /** The user behind an openid, made (person and user in one transaction) on their first sign-in. */
    public MiniappUser signIn(String openid) {
        MiniappUserMapper.Row known = database.read(s -> s.getMapper(MiniappUserMapper.class).findByOpenid(openid));
        if (known != null) {
            return known.user();
        }
        Instant now = clock.instant();
        try {
            return database.inTransaction(s -> {
                MiniappUserMapper users = s.getMapper(MiniappUserMapper.class);
                MiniappUserMapper.IdHolder id = new MiniappUserMapper.IdHolder();
                users.insertPerson(id, now);
                users.insert(id.getValue(), openid, now);
                return users.find(id.getValue()).user();
            });
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isDuplicateKey(e)) {
                throw e;
            }
            // Two first sign-ins at once: the other made the user (and its person; ours rolled back).
            return database.read(s -> s.getMapper(MiniappUserMapper.class).findByOpenid(openid)).user();
        }
    }

    public Optional<MiniappUser> find(long personId) {
        return Optional.ofNullable(database.read(s -> s.getMapper(MiniappUserMapper.class).find(personId))).map(MiniappUserMapper.Row::user);
    }

    /** Sets the home village (the caller checked it is a village); the person's scope follows, in one transaction. */
    public MiniappUser setVillage(long personId, String villageCode) {
        Instant now = clock.instant();
        return database.inTransaction(s -> {
            MiniappUserMapper users = s.getMapper(MiniappUserMapper.class);
            users.setVillage(personId, villageCode, now);
            users.setPersonScope(personId, villageCode, now);
            return users.find(personId).user();
        });
    }

    /** Binds a phone, stored sealed only. */
    public MiniappUser setPhone(long personId, String phone) {
        PhoneSealer.Sealed sealed = phones.seal(phone, personId);
        Instant now = clock.instant();
        return database.inTransaction(s -> {
            MiniappUserMapper users = s.getMapper(MiniappUserMapper.class);
            users.setPhone(personId, sealed.text(), sealed.keyId(), now);
            return users.find(personId).user();
        });
    }

    /** The bound phone in clear, for the real-name report that needs it; empty when none is bound. */
    public Optional<String> phone(long personId) {
        MiniappUserMapper.Row row = database.read(s -> s.getMapper(MiniappUserMapper.class).find(personId));
        return row == null || row.phoneSealed() == null ? Optional.empty() : Optional.of(phones.open(row.phoneSealed(), personId));
    }
}
