package org.jianqun.core.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The deployment's weights setting, and the similarity the common problems are found with. */
class DiligenceWeightsTest {
    @Test
    void namedPartsTakeTheirWeightAndTheRestKeepTheDefault() {
        DiligenceWeights w = DiligenceWeights.parse("timeliness=40, clues=5");
        assertThat(w.of(DiligencePart.TIMELINESS)).isEqualTo(40);
        assertThat(w.of(DiligencePart.CLUES)).isEqualTo(5);
        assertThat(w.of(DiligencePart.CLOSURE)).isEqualTo(20);
        assertThat(DiligenceWeights.parse(null)).isEqualTo(DiligenceWeights.defaults());
        assertThat(DiligenceWeights.defaults().of(DiligencePart.CLUES)).as("the clue library's counts weigh by default").isEqualTo(10);
    }

    @Test
    void aWrongSettingSaysWhatIsWrong() {
        assertThatThrownBy(() -> DiligenceWeights.parse("speed=10")).hasMessageContaining("'speed=10'").hasMessageContaining("timeliness");
        assertThatThrownBy(() -> DiligenceWeights.parse("timeliness=101")).hasMessageContaining("0..100");
        assertThatThrownBy(() -> DiligenceWeights.parse("timeliness=-1")).hasMessageContaining("'timeliness=-1'");
        assertThatThrownBy(() -> DiligenceWeights.parse("timeliness=0,closure=0,satisfaction=0,urging=0,reopening=0,warnings=0,clues=0"))
                .hasMessageContaining("at least one");
    }

    @Test
    void jaccardOverContentWords() {
        assertThat(CommonProblems.similarity(Set.of("垃圾", "清理", "臭气"), Set.of("垃圾", "清理", "苍蝇"))).isEqualTo(0.5);
        assertThat(CommonProblems.similarity(Set.of("路灯"), Set.of("垃圾"))).isZero();
        assertThat(CommonProblems.similarity(Set.of(), Set.of())).isZero();
    }
}
