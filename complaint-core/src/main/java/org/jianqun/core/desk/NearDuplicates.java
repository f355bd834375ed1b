package org.jianqun.core.desk;

import java.util.HashSet;
import java.util.Set;

/**
 * "Is this complaint the same as that one?", cheaply: the Jaccard similarity of the two texts'
 * character bigrams, ignoring whitespace and punctuation. Chinese needs no word segmentation for
 * this — two people describing one broken road share most character pairs — and it costs
 * microseconds, so a new ticket can be held against every live ticket of its village.
 */
public final class NearDuplicates {
    /** At or above this a new ticket is linked as a possible duplicate; an officer decides (合并). */
    public static final double THRESHOLD = 0.5;

    private NearDuplicates() {
    }

    public static double similarity(String a, String b) {
        return similarity(bigrams(a), bigrams(b));
    }

    /** A text held against many others (a new ticket against its village's live ones): its bigrams made once. */
    public static final class Probe {
        private final Set<String> grams;

        public Probe(String text) {
            this.grams = bigrams(text);
        }

        public double similarity(String other) {
            return NearDuplicates.similarity(grams, bigrams(other));
        }
    }

    private static double similarity(Set<String> x, Set<String> y) {
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        // Counting the smaller set's grams found in the larger: no copy of either.
        Set<String> small = x.size() <= y.size() ? x : y;
        Set<String> large = small == x ? y : x;
        int both = 0;
        for (String gram : small) {
            if (large.contains(gram)) {
                both++;
            }
        }
        return (double) both / (x.size() + y.size() - both);
    }

    static Set<String> bigrams(String text) {
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(kept::appendCodePoint);
        String s = kept.toString();
        Set<String> grams = new HashSet<>();
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        if (cps.length == 1) {
            grams.add(s);
        }
        return grams;
    }
}
