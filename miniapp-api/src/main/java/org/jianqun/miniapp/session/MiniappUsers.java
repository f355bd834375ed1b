package org.jianqun.miniapp.session;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.DatabaseFailures;
import org.jianqun.miniapp.me.PhoneSealer;

/**
 * The mini-program's users: signing in by openid, their home village and phone. Blocking (database).
 *
 * <p>Every request needs its user ({@link #find}), so each is kept in this process for {@link #FRESHNESS}; a change
 * made here (village, phone) replaces the kept one at once, a change made on another instance shows here within
 * that time.
 */
public final class MiniappUsers {
    public static final Duration FRESHNESS = Duration.ofSeconds(5);

    private final Database database;
    private final PhoneSealer phones;
    private final Clock clock;
    private final LoadingCache<Long, MiniappUser> recent;

    public MiniappUsers(Database database, PhoneSealer phones, Clock clock) {
        this(database, phones, clock, Ticker.systemTicker());
    }

    /** @param ticker the cache's time (a test's) */
    MiniappUsers(Database database, PhoneSealer phones, Clock clock, Ticker ticker) {
        this.database = database;
        this.phones = phones;
        this.clock = clock;
        database.addMapper(MiniappUserMapper.class);
        // A person id nobody has is not kept (the loader's null): only found users are.
        this.recent = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(FRESHNESS).ticker(ticker)
                .build(id -> Optional.ofNullable(database.read(s -> s.getMapper(MiniappUserMapper.class).find(id))).map(MiniappUserMapper.Row::user).orElse(null));
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
        return Optional.ofNullable(recent.get(personId));
    }

    /** The user if this process keeps them; no round trip (for an event loop). */
    public Optional<MiniappUser> kept(long personId) {
        return Optional.ofNullable(recent.getIfPresent(personId));
    }

    private MiniappUser changed(MiniappUser user) {
        recent.put(user.personId(), user);
        return user;
    }

    /** Sets the home village (the caller checked it is a village); the person's scope follows, in one transaction. */
    public MiniappUser setVillage(long personId, String villageCode) {
        Instant now = clock.instant();
        return changed(database.inTransaction(s -> {
            MiniappUserMapper users = s.getMapper(MiniappUserMapper.class);
            users.setVillage(personId, villageCode, now);
            users.setPersonScope(personId, villageCode, now);
            return users.find(personId).user();
        }));
    }

    /** Binds a phone, stored sealed only. */
    public MiniappUser setPhone(long personId, String phone) {
        PhoneSealer.Sealed sealed = phones.seal(phone, personId);
        Instant now = clock.instant();
        return changed(database.inTransaction(s -> {
            MiniappUserMapper users = s.getMapper(MiniappUserMapper.class);
            users.setPhone(personId, sealed.text(), sealed.keyId(), now);
            return users.find(personId).user();
        }));
    }

    /** The bound phone in clear, for the real-name report that needs it; empty when none is bound. */
    public Optional<String> phone(long personId) {
        MiniappUserMapper.Row row = database.read(s -> s.getMapper(MiniappUserMapper.class).find(personId));
        return row == null || row.phoneSealed() == null ? Optional.empty() : Optional.of(phones.open(row.phoneSealed(), personId));
    }
}
