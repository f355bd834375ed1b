package org.jianqun.core.persistence;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.mapping.ResultFlag;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.session.Configuration;

/**
 * Explicit constructor result maps for the rows read most (a ticket, an audit step), named by the record's class:
 * each component read from the column of its own name. MyBatis's automapping by argument name, which every other
 * record gets, matches each row's columns to the constructor's parameters anew, with reflection, on every row: for
 * a ticket's 32 columns that was a tenth of the platform's CPU under the mini-program's reads (BENCHMARKS.md). Every
 * query that names one of these maps ({@code @ResultMap}) must select each component under its name (the records'
 * COLUMNS lists do); a component without its column fails at the first row, loudly.
 */
final class RecordResultMaps {
    private RecordResultMaps() {
    }

    static void register(Configuration configuration, Class<? extends Record> type) {
        List<ResultMapping> arguments = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            arguments.add(new ResultMapping.Builder(configuration, component.getName(), component.getName(), component.getType())
                    .flags(List.of(ResultFlag.CONSTRUCTOR)).build());
        }
        configuration.addResultMap(new ResultMap.Builder(configuration, type.getName(), type, arguments, false).build());
    }
}
