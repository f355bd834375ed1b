package org.jianqun.core.statistics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The weights of the 勤廉指数's parts, per deployment: {@code JIANQUN_DILIGENCE_WEIGHTS=timeliness=25,closure=20,…}
 * (parts not named keep their default; whole numbers 0..100; at least one above 0).
 */
public record DiligenceWeights(Map<DiligencePart, Integer> weights) {
    public static final String SETTING = "JIANQUN_DILIGENCE_WEIGHTS";

    public DiligenceWeights {
        weights = Collections.unmodifiableMap(new EnumMap<>(weights));
    }

    public static DiligenceWeights defaults() {
        Map<DiligencePart, Integer> w = new EnumMap<>(DiligencePart.class);
        for (DiligencePart p : DiligencePart.values()) {
            w.put(p, p.defaultWeight());
        }
        return new DiligenceWeights(w);
    }

    /** @throws IllegalArgumentException naming what is wrong, for the configuration error at start-up */
    public static DiligenceWeights parse(String setting) {
        Map<DiligencePart, Integer> w = new EnumMap<>(defaults().weights());
        if (setting == null || setting.isBlank()) {
            return defaults();
        }
        for (String item : setting.split(",")) {
            String[] kv = item.strip().split("=", 2);
            DiligencePart part = null;
            for (DiligencePart p : DiligencePart.values()) {
                if (p.wireName().equals(kv[0].strip())) {
                    part = p;
                }
            }
            if (part == null || kv.length != 2 || !kv[1].strip().matches("\\d{1,3}") || Integer.parseInt(kv[1].strip()) > 100) {
                throw new IllegalArgumentException("'" + item.strip() + "' is not part=weight with a part of "
                        + String.join(",", java.util.Arrays.stream(DiligencePart.values()).map(DiligencePart::wireName).toList())
                        + " and a weight 0..100");
            }
            w.put(part, Integer.parseInt(kv[1].strip()));
        }
        if (w.values().stream().allMatch(v -> v == 0)) {
            throw new IllegalArgumentException("at least one part needs a weight above 0");
        }
        return new DiligenceWeights(w);
    }

    public int of(DiligencePart part) {
        return weights.getOrDefault(part, 0);
    }
}
