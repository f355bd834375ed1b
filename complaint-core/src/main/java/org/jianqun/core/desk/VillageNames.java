package org.jianqun.core.desk;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.RegionMapper;

/**
 * A village's name for the notices that must say which village a ticket is from. Names change only by an
 * import, so they are cached for {@link #FRESHNESS}: the deadline sweep writes hundreds of notices a
 * batch and must not read the region table for each.
 */
final class VillageNames {
    static final Duration FRESHNESS = Duration.ofMinutes(10);
    private final LoadingCache<String, String> names;

    VillageNames(Database database) {
        names = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(FRESHNESS).build(code -> {
            Region region = database.read(s -> s.getMapper(RegionMapper.class).find(code));
            return region == null ? code : region.name();
        });
    }

    String of(String villageCode) {
        return names.get(villageCode);
    }
}
