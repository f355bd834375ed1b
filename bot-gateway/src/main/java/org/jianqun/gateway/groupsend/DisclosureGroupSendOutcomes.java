package org.jianqun.gateway.groupsend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.jianqun.core.disclosure.GroupSendOutcomes;
import org.jianqun.core.persistence.Database;

/** The gateway's answer to core's {@link GroupSendOutcomes}: read off its own group-send tasks. */
public final class DisclosureGroupSendOutcomes implements GroupSendOutcomes {
    /** Ids per statement: each is one range of the unique request-key index. */
    private static final int PAGE = 500;
    private final Database database;

    public DisclosureGroupSendOutcomes(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.addMapper(Rows.class);
    }

    public interface Rows {
        record Row(String requestKey, String chatId, GroupSendTask.Status status, String lastError) {
        }

        @Select("<script>SELECT request_key AS requestKey, chat_id AS chatId, status, last_error AS lastError FROM wecom_group_send WHERE "
                + "<foreach collection='ids' item='id' separator=' OR '>request_key LIKE CONCAT('disclosure:', #{id}, '@%')</foreach>"
                + " ORDER BY id</script>")
        List<Row> of(@Param("ids") Collection<Long> ids);
    }

    @Override
    public List<Outcome> ofDisclosures(Collection<Long> disclosureIds) {
        List<Long> ids = List.copyOf(disclosureIds);
        List<Outcome> outcomes = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<Long> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
            for (Rows.Row r : database.read(s -> s.getMapper(Rows.class).of(page))) {
                String key = r.requestKey();
                long id = Long.parseLong(key.substring("disclosure:".length(), key.indexOf('@')));
                outcomes.add(new Outcome(id, r.chatId(), GroupSendOutcomes.Status.valueOf(r.status().name()), r.lastError()));
            }
        }
        return outcomes;
    }
}
