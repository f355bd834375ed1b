package org.jianqun.core.clues;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Confidentiality;
import org.jianqun.core.access.Permission;
import org.jianqun.core.access.Role;
import org.junit.jupiter.api.Test;

/** The clue's state machine, every pair of statuses, and who may know a clue. */
class ClueTransitionsTest {
    private static Optional<ClueRule> step(ClueStatus from, ClueStatus to, boolean note) {
        return ClueTransitions.refusal(from, to, note);
    }

    @Test
    void theStagesAreTakenInOrderAndSkippingOneIsRefusedByName() {
        assertThat(step(ClueStatus.PENDING, ClueStatus.CHECKING, false)).isEmpty();
        assertThat(step(ClueStatus.PENDING, ClueStatus.PARKED, false)).isEmpty();
        assertThat(step(ClueStatus.PENDING, ClueStatus.CLOSED, false)).contains(ClueRule.CLOSING_UNCHECKED_NEEDS_NOTE);
        assertThat(step(ClueStatus.PENDING, ClueStatus.CLOSED, true)).isEmpty();
        assertThat(step(ClueStatus.PENDING, ClueStatus.FILED, true)).contains(ClueRule.FILING_NEEDS_PRELIMINARY_CHECK);
        for (ClueStatus to : new ClueStatus[] {ClueStatus.FILED, ClueStatus.CLOSED, ClueStatus.PARKED}) {
            assertThat(step(ClueStatus.CHECKING, to, false)).as(to.word()).isEmpty();
        }
        assertThat(step(ClueStatus.PARKED, ClueStatus.CHECKING, false)).isEmpty();
        assertThat(step(ClueStatus.PARKED, ClueStatus.CLOSED, false)).contains(ClueRule.CLOSING_UNCHECKED_NEEDS_NOTE);
        assertThat(step(ClueStatus.PARKED, ClueStatus.FILED, false)).contains(ClueRule.FILING_NEEDS_PRELIMINARY_CHECK);
        assertThat(step(ClueStatus.CHECKING, ClueStatus.PENDING, true)).contains(ClueRule.BACK_TO_PENDING);
        assertThat(step(ClueStatus.CHECKING, ClueStatus.CHECKING, true)).contains(ClueRule.SAME_STATUS);
        for (ClueStatus done : new ClueStatus[] {ClueStatus.FILED, ClueStatus.CLOSED}) {
            for (ClueStatus to : ClueStatus.values()) {
                assertThat(step(done, to, true)).as(done.word() + "→" + to.word()).contains(ClueRule.FINAL_STATUS);
            }
        }
        assertThat(ClueTransitions.explain(ClueRule.CLOSING_UNCHECKED_NEEDS_NOTE, ClueStatus.PENDING, ClueStatus.CLOSED)).contains("待初核", "note");
        assertThat(ClueStatus.fromWord("初核中")).contains(ClueStatus.CHECKING);
        assertThat(ClueValue.fromWord("极高")).isEmpty();
    }

    @Test
    void aClueIsKnownToItsOfficeAndAboveAConfidentialOneToItsOfficeAlone() {
        Actor town = new Actor(1, "镇纪委", Role.DISCIPLINE_OFFICER, "359901100");
        Actor otherTown = new Actor(2, "镇纪委", Role.DISCIPLINE_OFFICER, "359901101");
        Actor county = new Actor(3, "县纪委", Role.DISCIPLINE_OFFICER, "359901");
        Actor townOfficer = new Actor(4, "镇干部", Role.TOWN_OFFICER, "359901100");
        Actor admin = new Actor(5, "管理员", Role.ADMIN, null);
        assertThat(AccessPolicy.mayKnowClue(town, "359901100", Confidentiality.ORDINARY)).isTrue();
        assertThat(AccessPolicy.mayKnowClue(county, "359901100", Confidentiality.ORDINARY)).as("the office above supervises").isTrue();
        assertThat(AccessPolicy.mayKnowClue(otherTown, "359901100", Confidentiality.ORDINARY)).isFalse();
        assertThat(AccessPolicy.mayKnowClue(town, "359901", Confidentiality.ORDINARY)).isFalse();
        assertThat(AccessPolicy.mayKnowClue(townOfficer, "359901100", Confidentiality.ORDINARY)).isFalse();
        assertThat(AccessPolicy.mayKnowClue(admin, "359901100", Confidentiality.ORDINARY)).isFalse();
        Confidentiality toCounty = new Confidentiality.RoutedTo("359901");
        assertThat(AccessPolicy.mayKnowClue(county, "359901", toCounty)).isTrue();
        assertThat(AccessPolicy.mayKnowClue(town, "359901", toCounty)).isFalse();
        Confidentiality toTown = new Confidentiality.RoutedTo("359901100");
        assertThat(AccessPolicy.mayKnowClue(town, "359901100", toTown)).isTrue();
        assertThat(AccessPolicy.mayKnowClue(county, "359901100", toTown)).as("not the offices above a report's").isFalse();
        assertThat(AccessPolicy.decide(town, Permission.PATROL).granted()).isTrue();
        for (Role role : Role.values()) {
            if (role != Role.DISCIPLINE_OFFICER) {
                Actor someone = new Actor(9, "x", role, role == Role.ADMIN ? null : role.scopeLevels().contains(
                        org.jianqun.core.organisation.RegionLevel.VILLAGE) ? "359901100201" : role == Role.CITY_OFFICER ? "3599"
                        : role == Role.COUNTY_OFFICER ? "359901" : "359901100");
                assertThat(AccessPolicy.decide(someone, Permission.PATROL).granted()).as(role.wireName()).isFalse();
            }
        }
    }
}
