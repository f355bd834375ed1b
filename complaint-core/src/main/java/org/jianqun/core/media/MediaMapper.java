package org.jianqun.core.media;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL for {@code media} and {@code ticket_media} (V15). */
public interface MediaMapper {
    /** A stored image without its bytes. */
    record Described(String id, long ownerId, String contentType, int byteSize, int width, int height, String sha256) {
    }

    /** A stored image with its bytes. */
    record Content(String contentType, byte[] bytes, String sha256) {
    }

    @Insert("INSERT INTO media (id, owner_id, content_type, byte_size, width, height, sha256, bytes, created_at) "
            + "VALUES (#{id}, #{owner}, #{i.kind.contentType}, #{size}, #{i.width}, #{i.height}, #{i.sha256}, #{i.bytes}, #{now})")
    void insert(@Param("id") String id, @Param("owner") long ownerId, @Param("i") CleanImage image, @Param("size") int size,
                @Param("now") Instant now);

    @Select("<script>SELECT id, owner_id AS ownerId, content_type AS contentType, byte_size AS byteSize, width, height, sha256 "
            + "FROM media WHERE id IN <foreach item='m' collection='ids' open='(' separator=',' close=')'>#{m}</foreach></script>")
    List<Described> describe(@Param("ids") Collection<String> ids);

    @Select("SELECT content_type AS contentType, bytes, sha256 FROM media WHERE id = #{id}")
    Content content(@Param("id") String id);

    @Select("<script>SELECT media_id FROM ticket_media WHERE media_id IN "
            + "<foreach item='m' collection='ids' open='(' separator=',' close=')'>#{m}</foreach></script>")
    List<String> alreadyAttached(@Param("ids") Collection<String> ids);

    @Insert("INSERT INTO ticket_media (ticket_no, seq, media_id) VALUES (#{no}, #{seq}, #{media})")
    void attach(@Param("no") long ticketNo, @Param("seq") int seq, @Param("media") String mediaId);

    @Select("SELECT media_id FROM ticket_media WHERE ticket_no = #{no} ORDER BY seq")
    List<String> ofTicket(@Param("no") long ticketNo);
}
