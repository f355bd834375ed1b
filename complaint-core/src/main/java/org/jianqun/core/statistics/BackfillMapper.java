package org.jianqun.core.statistics;

import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Select;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;

/** Reads the ticket table in number order for {@link StatisticsBackfill}: the one reader of tickets in this package. */
public interface BackfillMapper {
    @Select("SELECT " + TicketMapper.COLUMNS + " FROM ticket WHERE no > #{after} ORDER BY no LIMIT #{limit}")
    @ResultMap(TicketRow.RESULT_MAP)
    List<TicketRow> page(@Param("after") long afterNo, @Param("limit") int limit);
}
