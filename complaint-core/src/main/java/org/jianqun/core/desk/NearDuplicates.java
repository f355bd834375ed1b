package org.jianqun.core.desk;

import java.util.Arrays;

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
        return Grams.of(a).similarity(Grams.of(b));
    }

    /**
     * A text's distinct character bigrams, each two code points packed in a long, sorted: comparing two is one merge of
     * two arrays, with no string or set made per pair (a registration holds its text against up to 200 live tickets;
     * a set of strings per ticket was most of a registration's CPU). Immutable, so a ticket's grams are worked out once
     * and kept (its text never changes).
     */
    public static final class Grams {
        /** What a one-character text is, beside any pair: a pair never sets this bit. */
        private static final long SINGLE = 1L << 42;
        private final long[] sorted;

        private Grams(long[] sorted) {
            this.sorted = sorted;
        }

        public static Grams of(String text) {
            int[] kept = text.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).toArray();
            if (kept.length == 1) {
                return new Grams(new long[] {SINGLE | kept[0]});
            }
            long[] pairs = new long[Math.max(0, kept.length - 1)];
            for (int i = 0; i + 1 < kept.length; i++) {
                pairs[i] = ((long) kept[i] << 21) | kept[i + 1];
            }
            Arrays.sort(pairs);
            int distinct = 0;
            for (int i = 0; i < pairs.length; i++) {
                if (i == 0 || pairs[i] != pairs[i - 1]) {
                    pairs[distinct++] = pairs[i];
                }
            }
            return new Grams(distinct == pairs.length ? pairs : Arrays.copyOf(pairs, distinct));
        }

        /** How many bigrams: the weight of this in a bounded cache. */
        public int size() {
            return sorted.length;
        }

        public double similarity(Grams other) {
            long[] x = sorted;
            long[] y = other.sorted;
            if (x.length == 0 || y.length == 0) {
                return 0;
            }
            int both = 0;
            for (int i = 0, j = 0; i < x.length && j < y.length; ) {
                if (x[i] == y[j]) {
                    both++;
                    i++;
                    j++;
                } else if (x[i] < y[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return (double) both / (x.length + y.length - both);
        }
    }
}
