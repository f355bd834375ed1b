package org.jianqun.core.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jianqun.core.organisation.Region;

/** SQL for the {@code region} table. */
public interface RegionMapper {
    String COLUMNS = "code, name, level, parent_code AS parentCode";

    @Select("SELECT " + COLUMNS + " FROM region WHERE code = #{code}")
    Region find(@Param("code") String code);

    @Select("<script>SELECT " + COLUMNS + " FROM region WHERE code IN "
            + "<foreach item='c' collection='codes' open='(' separator=',' close=')'>#{c}</foreach></script>")
    List<Region> findAll(@Param("codes") Collection<String> codes);

    @Select("SELECT " + COLUMNS + " FROM region WHERE parent_code = #{parentCode} ORDER BY code")
    List<Region> children(@Param("parentCode") String parentCode);

    @Select("SELECT " + COLUMNS + " FROM region WHERE parent_code IS NULL ORDER BY code")
    List<Region> roots();

    @Select("SELECT COUNT(*) FROM region")
    long count();

    @Insert("INSERT INTO region (code, name, level, parent_code, created_at, updated_at) "
            + "VALUES (#{r.code}, #{r.name}, #{r.level}, #{r.parentCode}, #{now}, #{now})")
    void insert(@Param("r") Region region, @Param("now") Instant now);

    @Update("UPDATE region SET name = #{r.name}, level = #{r.level}, parent_code = #{r.parentCode}, updated_at = #{now} WHERE code = #{r.code}")
    void update(@Param("r") Region region, @Param("now") Instant now);
}
