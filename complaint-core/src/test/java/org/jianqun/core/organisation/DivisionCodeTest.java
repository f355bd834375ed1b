package org.jianqun.core.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivisionCodeTest {
    @Test
    void aCodeHasTheLengthOfItsLevel() {
        assertThat(DivisionCode.problemWithCode("350582", RegionLevel.COUNTY)).isEmpty();
        assertThat(DivisionCode.problemWithCode("350582100201", RegionLevel.VILLAGE)).isEmpty();
        assertThat(DivisionCode.problemWithCode("35058210020", RegionLevel.VILLAGE)).get().asString().contains("11 位", "12 位");
        assertThat(DivisionCode.problemWithCode("35058A", RegionLevel.COUNTY)).get().asString().contains("只能由数字组成");
        assertThat(DivisionCode.problemWithCode("000000", RegionLevel.COUNTY)).get().asString().contains("全是 0");
        assertThat(DivisionCode.problemWithCode("350582100000", RegionLevel.VILLAGE)).get().asString().contains("村自己编号的几位全是 0");
        assertThat(DivisionCode.problemWithCode("3500", RegionLevel.CITY)).as("a province is no city").get().asString().contains("市自己编号");
    }

    @Test
    void aChildExtendsItsParent() {
        assertThat(DivisionCode.problemWithParent("350582100201", RegionLevel.VILLAGE, "350582100")).isEmpty();
        assertThat(DivisionCode.problemWithParent("350582100201", RegionLevel.VILLAGE, "350582101")).get().asString().contains("不在所属镇");
        assertThat(DivisionCode.problemWithParent("350582100201", RegionLevel.VILLAGE, "350582")).get().asString().contains("不是镇的代码");
        assertThat(DivisionCode.problemWithParent("350582100201", RegionLevel.VILLAGE, "")).get().asString().contains("须写明所属镇的代码");
        assertThat(DivisionCode.problemWithParent("3505", RegionLevel.CITY, "")).isEmpty();
        assertThat(DivisionCode.problemWithParent("3505", RegionLevel.CITY, "35")).get().asString().contains("没有上级");
    }

    @Test
    void aScopeCoversWhatLiesInsideIt() {
        assertThat(DivisionCode.covers("350582", "350582100201")).isTrue();
        assertThat(DivisionCode.covers("350582100", "350582100")).isTrue();
        assertThat(DivisionCode.covers("350582100", "350582101201")).isFalse();
    }

    @Test
    void codesAreReadAsPeopleWriteThemAndKeptShort() {
        assertThat(DivisionCode.read("350500000000")).isEqualTo(new DivisionCode.Read("3505", RegionLevel.CITY));
        assertThat(DivisionCode.read("350500")).isEqualTo(new DivisionCode.Read("3505", RegionLevel.CITY));
        assertThat(DivisionCode.read("3505")).isEqualTo(new DivisionCode.Read("3505", RegionLevel.CITY));
        assertThat(DivisionCode.read("350521000000")).isEqualTo(new DivisionCode.Read("350521", RegionLevel.COUNTY));
        assertThat(DivisionCode.read("350521")).isEqualTo(new DivisionCode.Read("350521", RegionLevel.COUNTY));
        assertThat(DivisionCode.read("350521100000")).isEqualTo(new DivisionCode.Read("350521100", RegionLevel.TOWN));
        assertThat(DivisionCode.read(" 350521100 ")).isEqualTo(new DivisionCode.Read("350521100", RegionLevel.TOWN));
        assertThat(DivisionCode.read("350521100201")).isEqualTo(new DivisionCode.Read("350521100201", RegionLevel.VILLAGE));
    }

    @Test
    void aCodeOfAKnownLevelIsReadInThatLevelsForms() {
        assertThat(DivisionCode.read("350500000000", RegionLevel.CITY)).isEqualTo(new DivisionCode.Read("3505", RegionLevel.CITY));
        assertThat(DivisionCode.read("350500", RegionLevel.CITY)).isEqualTo(new DivisionCode.Read("3505", RegionLevel.CITY));
        assertThat(DivisionCode.read("350521000000", RegionLevel.COUNTY)).isEqualTo(new DivisionCode.Read("350521", RegionLevel.COUNTY));
        assertThat(DivisionCode.read("350521100000", RegionLevel.TOWN)).isEqualTo(new DivisionCode.Read("350521100", RegionLevel.TOWN));
        assertThat(DivisionCode.read("350521100201", RegionLevel.VILLAGE)).isEqualTo(new DivisionCode.Read("350521100201", RegionLevel.VILLAGE));
        assertThat(DivisionCode.read("350521100000", RegionLevel.VILLAGE).problem()).get().asString()
                .contains("“350521100000”是镇的代码", "这里要村的代码", "350521100201");
        assertThat(DivisionCode.read("350500", RegionLevel.COUNTY).problem()).get().asString().contains("是市的代码", "350521000000");
    }

    @Test
    void anErrorListsTheFormsThatWouldBeAccepted() {
        for (String bad : new String[] {"35052", "3505211002011", "35a500", ""}) {
            assertThat(DivisionCode.read(bad).problem()).as(bad).get().asString()
                    .contains("350500", "350500000000", "350521000000", "350521100000", "350521100201");
        }
        assertThat(DivisionCode.read("350000").problem()).as("a province").get().asString().contains("市自己编号");
        assertThat(DivisionCode.read("000000000000").problem()).get().asString().contains("全是 0");
    }
}
