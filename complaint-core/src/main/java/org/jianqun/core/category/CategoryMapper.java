package org.jianqun.core.category;

import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for the category list and a ticket's category. */
public interface CategoryMapper {
    @Select("SELECT name FROM ticket_category ORDER BY position, name")
    List<String> names();

    /** Sets a ticket's category, bumping its version as every ticket write does; the caller holds the row lock. */
    @Update("UPDATE ticket SET category = #{category}, version = version + 1 WHERE no = #{no} AND version = #{version}")
    int setCategory(@Param("no") long no, @Param("category") String category, @Param("version") int version);

    @Update("UPDATE ticket_words SET category = #{category} WHERE ticket_no = #{no}")
    int setWordsCategory(@Param("no") long no, @Param("category") String category);
}
