package org.jianqun.core.desk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.persistence.RegionMapper;

/**
 * A village's name for the notices that must say which village a ticket is from. Names change only by an
 * import, so they are cached for {@link #FRESHNESS}: the deadline sweep writes hundreds of notices a
 * batch and must not read the region table for each. A name not yet kept is read on the caller's own
 * session: taking a second pooled connection from inside a transaction starves the pool once every
 * connection is held by a transaction waiting for its second (seen under the mini-program benchmark, where
 * sixteen reports for sixteen villages not yet named held all sixteen connections).
 */
final class VillageNames {
    static final Duration FRESHNESS = Duration.ofMinutes(10);
    private final Cache<String, String> names = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(FRESHNESS).build();

    String of(SqlSession session, String villageCode) {
        return names.get(villageCode, code -> {
            Region region = session.getMapper(RegionMapper.class).find(code);
            return region == null ? code : region.name();
        });
    }
}
