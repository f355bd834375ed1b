package org.jianqun.core.account;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Optional;
import org.jianqun.core.access.Actor;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.PersonMapper;

/**
 * Who a person id is now, with Caffeine in front of the database: every authenticated request needs
 * it. Entries live {@link #FRESHNESS}, so a role or scope changed by an import (possibly on another
 * instance) takes effect within that time without a restart.
 */
public final class ActorDirectory {
    public static final Duration FRESHNESS = Duration.ofSeconds(30);

    private final LoadingCache<Long, Optional<Actor>> cache;

    public ActorDirectory(Database database) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(FRESHNESS)
                .build(id -> database.read(s -> Optional.ofNullable(s.getMapper(PersonMapper.class).find(id))
                        .map(ActorDirectory::toActor)));
    }

    /** Blocking on a miss: call from a worker thread. */
    public Optional<Actor> find(long personId) {
        return cache.get(personId);
    }

    public void forgetAll() {
        cache.invalidateAll();
    }

    static Actor toActor(Person p) {
        return new Actor(p.id(), p.name(), p.role(), p.scopeCode());
    }
}
