package org.jianqun.core.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The packed bigrams give exactly the Jaccard similarity of the texts' character-pair sets, as first defined. */
class NearDuplicatesTest {
    private static final List<String> TEXTS = List.of(
            "村东头的路灯坏了一个多月，晚上出行很不方便", "村东头路灯坏了一个多月了，晚上出门不方便！", "低保评定不公开，村干部优亲厚友",
            "水渠清淤的钱去哪了", "水", "！！！", "", "Road LIGHT broken", "road light broken 路灯", "😀😀😀😃 表情", "😀😃 表情也算",
            "啊啊啊啊啊啊", "啊啊", "１２３ 全角数字", "123 全角数字");

    @Test
    void matchesTheSetOfCharacterPairsForEveryPair() {
        for (String a : TEXTS) {
            for (String b : TEXTS) {
                assertThat(NearDuplicates.similarity(a, b)).as("「%s」 vs 「%s」", a, b).isCloseTo(reference(a, b), within(1e-12));
            }
        }
    }

    @Test
    void twoTellingsOfOneMatterAreDuplicatesAndAnotherMatterIsNot() {
        assertThat(NearDuplicates.similarity(TEXTS.get(0), TEXTS.get(1))).isGreaterThanOrEqualTo(NearDuplicates.THRESHOLD);
        assertThat(NearDuplicates.similarity(TEXTS.get(0), TEXTS.get(2))).isLessThan(0.1);
        assertThat(NearDuplicates.Grams.of("啊啊啊啊").size()).as("repeated pairs count once").isEqualTo(1);
        assertThat(NearDuplicates.similarity("水", "水")).isEqualTo(1.0);
        assertThat(NearDuplicates.similarity("", "水渠")).isZero();
    }

    /** The first definition: sets of two-code-point strings (one-character texts: the character), letters and digits only, lower case. */
    private static double reference(String a, String b) {
        Set<String> x = grams(a);
        Set<String> y = grams(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        return (double) both.size() / (x.size() + y.size() - both.size());
    }

    private static Set<String> grams(String text) {
        int[] cps = text.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).toArray();
        Set<String> grams = new HashSet<>();
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        if (cps.length == 1) {
            grams.add(new String(cps, 0, 1));
        }
        return grams;
    }
}
