package org.jianqun.core.importing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits keys into IN-lists small enough for any database's statement limits. */
final class Chunks {
    static final int SIZE = 1_000;

    private Chunks() {
    }

    static List<List<String>> of(Collection<String> keys) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>(SIZE);
        for (String key : keys) {
            current.add(key);
            if (current.size() == SIZE) {
                chunks.add(current);
                current = new ArrayList<>(SIZE);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
