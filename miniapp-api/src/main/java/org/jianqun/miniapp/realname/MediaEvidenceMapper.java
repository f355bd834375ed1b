package org.jianqun.miniapp.realname;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The uploads a report cites: which of them are the uploader's own and not yet any ticket's. */
public interface MediaEvidenceMapper {
    @Select("<script>SELECT m.id FROM media m WHERE m.owner_id = #{owner} AND m.id IN "
            + "<foreach item='i' collection='ids' open='(' separator=',' close=')'>#{i}</foreach>"
            + " AND NOT EXISTS (SELECT 1 FROM ticket_media t WHERE t.media_id = m.id)</script>")
    List<String> usable(@Param("owner") long ownerId, @Param("ids") List<String> ids);

    @Insert("INSERT INTO ticket_media (ticket_no, seq, media_id) VALUES (#{no}, #{seq}, #{id})")
    void attach(@Param("no") long ticketNo, @Param("seq") int seq, @Param("id") String mediaId);
}
