package org.jianqun.core.realname;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jianqun.core.access.Role;
import org.jianqun.core.organisation.Person;
import org.junit.jupiter.api.Test;

class ConflictShieldTest {
    private static final String VILLAGE = "359901100201";

    private static Standing registered(Role role, String scope) {
        return ConflictShield.standingOf(new Person(1L, "某人", role, scope, null, null, null, null)).orElseThrow();
    }

    private static String office(Standing... accused) {
        ConflictShield.Decision d = ConflictShield.route(VILLAGE, List.of(accused));
        return d instanceof ConflictShield.Routed r ? r.route().officeCode() : "none";
    }

    @Test
    void villageMattersGoToTheTownTownOfficialsToTheCountyCountyOfficialsToTheCity() {
        assertThat(office()).isEqualTo("359901100");
        assertThat(office(registered(Role.VILLAGE_CADRE, VILLAGE))).isEqualTo("359901100");
        assertThat(office(registered(Role.TOWN_OFFICER, "359901100"))).isEqualTo("359901");
        assertThat(office(registered(Role.RESIDENT_CADRE, VILLAGE))).as("a resident cadre is a town official").isEqualTo("359901");
        assertThat(office(registered(Role.DISCIPLINE_OFFICER, "359901100"))).isEqualTo("359901");
        assertThat(office(registered(Role.COUNTY_OFFICER, "359901"))).isEqualTo("3599");
        assertThat(office(registered(Role.VILLAGE_CADRE, VILLAGE), registered(Role.COUNTY_OFFICER, "359901"),
                registered(Role.TOWN_OFFICER, "359901100"))).as("the highest accused decides").isEqualTo("3599");
    }

    @Test
    void neverToAnOfficeItAccusesAMemberOf() {
        assertThat(office(registered(Role.TOWN_OFFICER, "359901100"), registered(Role.DISCIPLINE_OFFICER, "359901")))
                .as("county chosen, but it accuses the county's discipline officer").isEqualTo("3599");
        assertThat(office(registered(Role.DISCIPLINE_OFFICER, "3599"), registered(Role.COUNTY_OFFICER, "359901"))).isEqualTo("none");
        assertThat(ConflictShield.route(VILLAGE, List.of(registered(Role.DISCIPLINE_OFFICER, "3599"), registered(Role.COUNTY_OFFICER, "359901"))))
                .isInstanceOf(ConflictShield.Unroutable.class);
        assertThat(office(registered(Role.DISCIPLINE_OFFICER, "359901101"))).as("another town's: still a town official")
                .isEqualTo("359901");
    }

    @Test
    void aWrittenPositionCountsByTheHighestLevelItNamesInTheReportersOwnRegion() {
        assertThat(ConflictShield.standingOfWritten("镇长", VILLAGE)).isEqualTo(new Standing(org.jianqun.core.organisation.RegionLevel.TOWN, "359901100", false));
        assertThat(office(ConflictShield.standingOfWritten("镇长", VILLAGE))).isEqualTo("359901");
        assertThat(office(ConflictShield.standingOfWritten("乡党委书记", VILLAGE))).isEqualTo("359901");
        assertThat(office(ConflictShield.standingOfWritten("村主任", VILLAGE))).isEqualTo("359901100");
        assertThat(office(ConflictShield.standingOfWritten(null, VILLAGE))).isEqualTo("359901100");
        assertThat(office(ConflictShield.standingOfWritten("纪委书记", VILLAGE))).as("a discipline officer without a level: the town's")
                .isEqualTo("359901");
        assertThat(office(ConflictShield.standingOfWritten("副县长", VILLAGE))).isEqualTo("3599");
        assertThat(office(ConflictShield.standingOfWritten("县纪委副书记", VILLAGE))).isEqualTo("3599");
        assertThat(office(ConflictShield.standingOfWritten("市纪委干部", VILLAGE))).isEqualTo("none");
    }
}
