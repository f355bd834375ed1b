package org.jianqun.core.importing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.identity.IdNumberHash;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.PersonMapper;

/**
 * {@code relatives.csv}: person,relative_name,id_number_hash,relation — a cadre's registered relatives, which the
 * disclosure's smart warning {@code relative_subsidy} looks for among subsidy recipients. {@code person} is the
 * cadre's login name or chat user id (as people.csv has them); the ID number comes only as its hash, exactly as
 * {@link IdNumberHash} defines it (SHA-256 hex of the 18 characters, check character upper-cased), which a subsidy
 * line's ID number is hashed to as well: an 18-character ID number itself is refused, so none is ever stored. A row already there is left alone.
 */
final class RelativeImport {
    private RelativeImport() {
    }

    interface Mapper {
        @Select("SELECT COUNT(*) FROM cadre_relative WHERE person_id = #{person} AND id_number_hash = #{hash}")
        int count(@Param("person") long personId, @Param("hash") String idNumberHash);

        @Insert("INSERT INTO cadre_relative (person_id, scope_code, relative_name, id_number_hash, relation, created_at) "
                + "VALUES (#{person}, #{scope}, #{name}, #{hash}, #{relation}, #{now})")
        void insert(@Param("person") long personId, @Param("scope") String scopeCode, @Param("name") String relativeName,
                    @Param("hash") String idNumberHash, @Param("relation") String relation, @Param("now") Instant now);
    }

    record Relative(int line, Person person, String name, String hash, String relation) {
    }

    static ImportOutcome run(CsvTable table, SqlSession session, Instant now, ImportScope scope, ImportProblems problems) {
        if (!session.getConfiguration().hasMapper(Mapper.class)) {
            session.getConfiguration().addMapper(Mapper.class);
        }
        PersonMapper people = session.getMapper(PersonMapper.class);
        List<Relative> rows = new java.util.ArrayList<>();
        for (CsvTable.Row row : table.rows) {
            String who = Cells.required(row, "person", 128, problems);
            String name = Cells.required(row, "relative_name", 100, problems);
            String hash = Cells.required(row, "id_number_hash", 64, problems);
            String relation = Cells.required(row, "relation", 20, problems);
            if (who == null || name == null || hash == null || relation == null) {
                continue;
            }
            Optional<IdNumberHash> idNumber = IdNumberHash.parse(hash);
            if (idNumber.isEmpty()) {
                problems.add(row.line(), "id_number_hash", hash.matches("[0-9]{17}[0-9Xx]") ? "不收身份证号本身：请填写其 SHA-256（64 位十六进制）"
                        : "应为身份证号的 SHA-256（64 位十六进制）");
                continue;
            }
            Person person = people.findByUsername(who);
            if (person == null) {
                person = people.findByChannelUserIds(List.of(who)).stream().findFirst().orElse(null);
            }
            if (person == null) {
                problems.add(row.line(), "person", "没有此人（应为 people.csv 中的 username 或 channel_user_id）");
                continue;
            }
            if (person.scopeCode() == null || !scope.covers(person.scopeCode())) {
                problems.add(row.line(), "person", "此人不在你的范围内");
                continue;
            }
            rows.add(new Relative(row.line(), person, name, idNumber.get().hex(), relation));
        }
        if (problems.any()) {
            return new ImportOutcome.Rejected(ImportKind.RELATIVES, problems.list());
        }
        Mapper relatives = session.getMapper(Mapper.class);
        int inserted = 0;
        for (Relative r : rows) {
            if (relatives.count(r.person().id(), r.hash()) == 0) {
                relatives.insert(r.person().id(), r.person().scopeCode(), r.name(), r.hash(), r.relation(), now);
                inserted++;
            }
        }
        return new ImportOutcome.Applied(ImportKind.RELATIVES, rows.size(), inserted, 0, rows.size() - inserted);
    }
}
