package org.jianqun.core.testing;

import java.nio.charset.StandardCharsets;

/** Builds CSV bodies for import tests: lines joined with '\n', UTF-8. */
public final class CsvFiles {
    private CsvFiles() {
    }

    public static byte[] csv(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A small valid county: city 3599, county 359901, one town, two villages. */
    public static final String[] REGIONS = {
        "code,name,level,parent_code",
        "3599,示范市,city,",
        "359901,清源县,county,3599",
        "359901100,东岭镇,town,359901",
        "359901100201,东岭村,village,359901100",
        "359901100202,上洋村,village,359901100",
    };
}
