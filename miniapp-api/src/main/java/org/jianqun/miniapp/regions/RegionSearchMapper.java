package org.jianqun.miniapp.regions;

import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.persistence.RegionMapper;

/** Finding a village by what a villager types: a name fragment, under a region or anywhere. */
public interface RegionSearchMapper {
    /** {@code pattern} is a LIKE pattern the caller escaped ({@code !} is the escape). */
    @Select("SELECT " + RegionMapper.COLUMNS + " FROM region WHERE code LIKE #{under} AND name LIKE #{pattern} ESCAPE '!' "
            + "ORDER BY level, code LIMIT #{limit}")
    List<Region> search(@Param("under") String underPrefix, @Param("pattern") String pattern, @Param("limit") int limit);
}
