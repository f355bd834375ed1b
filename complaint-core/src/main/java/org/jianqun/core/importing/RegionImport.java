package org.jianqun.core.importing;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.organisation.DivisionCode;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.RegionMapper;

/** {@code regions.csv}: code,name,level,parent_code. Updates by code; a parent may come earlier in the file or be imported already. */
final class RegionImport {
    private RegionImport() {
    }

    static ImportOutcome run(CsvTable table, SqlSession session, Instant now, ImportScope scope, ImportProblems problems) {
        Map<String, Region> byCode = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (CsvTable.Row row : table.rows) {
            String code = Cells.required(row, "code", 12, problems);
            String name = Cells.required(row, "name", 100, problems);
            String levelText = Cells.required(row, "level", 8, problems);
            String parent = Cells.optional(row, "parent_code", 12, problems);
            if (code == null || name == null || levelText == null || parent == null) {
                continue;
            }
            Optional<RegionLevel> level = RegionLevel.fromWire(levelText);
            if (level.isEmpty()) {
                problems.add(row.line(), "level", "'" + levelText + "' is not a level; use city, county, town or village");
                continue;
            }
            // Codes as people copy them (350500000000, 350500) are stored in their short form (3505).
            DivisionCode.Reading codeReading = DivisionCode.read(code, level.get());
            if (codeReading instanceof DivisionCode.Refused refused) {
                problems.add(row.line(), "code", refused.reason());
                continue;
            }
            code = ((DivisionCode.Read) codeReading).code();
            if (!parent.isEmpty() && level.get().parent().isPresent()) {
                DivisionCode.Reading parentReading = DivisionCode.read(parent, level.get().parent().get());
                if (parentReading instanceof DivisionCode.Read read) {
                    parent = read.code();
                }
            }
            Optional<String> parentProblem = DivisionCode.problemWithParent(code, level.get(), parent);
            if (parentProblem.isPresent()) {
                problems.add(row.line(), "parent_code", parentProblem.get());
                continue;
            }
            if (!scope.covers(code)) {
                problems.add(row.line(), "code", scope.outside(code));
                continue;
            }
            Region region = new Region(code, name, level.get(), parent.isEmpty() ? null : parent);
            Region earlier = byCode.get(code);
            if (earlier != null) {
                if (!earlier.equals(region)) {
                    problems.add(row.line(), "name", "code " + code + " is already on line " + lineOf.get(code)
                            + " as '" + earlier.name() + "' (" + earlier.level().wireName() + "); one code, one region");
                }
                continue;
            }
            byCode.put(code, region);
            lineOf.put(code, row.line());
        }
        // Rows that read well are still checked against the database, so one answer lists every problem.

        RegionMapper mapper = session.getMapper(RegionMapper.class);
        Set<String> wanted = new HashSet<>(byCode.keySet());
        byCode.values().forEach(r -> {
            if (r.parentCode() != null) {
                wanted.add(r.parentCode());
            }
        });
        Map<String, Region> existing = new HashMap<>();
        for (List<String> chunk : Chunks.of(wanted)) {
            mapper.findAll(chunk).forEach(r -> existing.put(r.code(), r));
        }
        for (Region region : byCode.values()) {
            if (region.parentCode() != null && !byCode.containsKey(region.parentCode()) && !existing.containsKey(region.parentCode())) {
                problems.add(lineOf.get(region.code()), "parent_code", "parent " + region.parentCode()
                        + " is neither in this file nor imported before; import the " + region.level().parent().orElseThrow().wireName() + " first");
            }
        }
        if (problems.any()) {
            return new ImportOutcome.Rejected(ImportKind.REGIONS, problems.list());
        }

        int inserted = 0;
        int updated = 0;
        for (Region region : byCode.values()) {
            Region before = existing.get(region.code());
            if (before == null) {
                mapper.insert(region, now);
                inserted++;
            } else if (!before.equals(region)) {
                mapper.update(region, now);
                updated++;
            }
        }
        return new ImportOutcome.Applied(ImportKind.REGIONS, table.rows.size(), inserted, updated, byCode.size() - inserted - updated);
    }
}
