package org.jianqun.core.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivisionCodeTest {
    @Test
    void aCodeHasTheLengthOfItsLevel() {
        assertThat(DivisionCode.problemWithCode("350582", RegionLevel.COUNTY)).isEmpty();
        assertThat(DivisionCode.problemWithCode("350582100201", RegionLevel.VILLAGE)).isEmpty();
        assertThat(DivisionCode.problemWithCode("35058210020", RegionLevel.VILLAGE)).get().asString().contains("11 digits", "12");
        assertThat(DivisionCode.problemWithCode("35058A", RegionLevel.COUNTY)).get().asString().contains("digits only");
        assertThat(DivisionCode.problemWithCode("000000", RegionLevel.COUNTY)).get().asString().contains("all zeros");
        assertThat(DivisionCode.problemWithCode("350582100000", RegionLevel.VILLAGE)).get().asString().contains("ends in zeros");
    }

    @Test
    void aChildExtendsItsParent() {
        assertThat(DivisionCode.problemWithParent("350582100201", RegionLevel.VILLAGE, "350582100")).isEmpty();
        assertThat(DivisionCode.problemWithParent("350582100201", RegionLevel.VILLAGE, "350582101")).get().asString().contains("does not extend");
        assertThat(DivisionCode.problemWithParent("350582100201", RegionLevel.VILLAGE, "350582")).get().asString().contains("not a town code");
        assertThat(DivisionCode.problemWithParent("350582100201", RegionLevel.VILLAGE, "")).get().asString().contains("needs the code of its town");
        assertThat(DivisionCode.problemWithParent("3505", RegionLevel.CITY, "")).isEmpty();
        assertThat(DivisionCode.problemWithParent("3505", RegionLevel.CITY, "35")).get().asString().contains("no parent");
    }

    @Test
    void aScopeCoversWhatLiesInsideIt() {
        assertThat(DivisionCode.covers("350582", "350582100201")).isTrue();
        assertThat(DivisionCode.covers("350582100", "350582100")).isTrue();
        assertThat(DivisionCode.covers("350582100", "350582101201")).isFalse();
    }
}
