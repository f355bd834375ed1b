package org.jianqun.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private final Actor admin = new Actor(1, "admin", Role.ADMIN, null);
    private final Actor countyAdmin = new Actor(2, "county admin", Role.ADMIN, "350582");
    private final Actor townOfficer = new Actor(3, "town", Role.TOWN_OFFICER, "350582100");

    @Test
    void theRoleMustHoldThePermission() {
        assertThat(AccessPolicy.decide(admin, Permission.IMPORT_ORGANISATION).granted()).isTrue();
        AccessDecision refused = AccessPolicy.decide(townOfficer, Permission.IMPORT_ORGANISATION);
        assertThat(refused).isEqualTo(new AccessDecision.Refused("镇级干部无权导入区划、群和人员", false));
    }

    @Test
    void theTargetMustLieInTheScope() {
        assertThat(AccessPolicy.decide(townOfficer, Permission.VIEW_ORGANISATION, "350582100201").granted()).isTrue();
        AccessDecision other = AccessPolicy.decide(townOfficer, Permission.VIEW_ORGANISATION, "350582101201");
        assertThat(other).isInstanceOf(AccessDecision.Refused.class);
        assertThat(((AccessDecision.Refused) other).outOfScope()).isTrue();
        assertThat(((AccessDecision.Refused) other).reason()).contains("350582101201", "350582100");
        assertThat(AccessPolicy.decide(countyAdmin, Permission.IMPORT_ORGANISATION, "350583100").granted()).isFalse();
        assertThat(AccessPolicy.decide(admin, Permission.IMPORT_ORGANISATION, "440000").granted()).isTrue();
    }

    @Test
    void villagersOnlyRegisterUrgeAndRate() {
        Actor villager = new Actor(4, "v", Role.VILLAGER, "350582100201");
        java.util.Set<Permission> granted = java.util.EnumSet.noneOf(Permission.class);
        for (Permission p : Permission.values()) {
            if (AccessPolicy.decide(villager, p).granted()) {
                granted.add(p);
            }
        }
        assertThat(granted).containsExactlyInAnyOrder(Permission.REGISTER_TICKET, Permission.URGE_TICKET, Permission.RATE_TICKET);
    }

    @Test
    void onlyAnAdminMayBePlatformWide() {
        assertThatThrownBy(() -> new Actor(5, "x", Role.COUNTY_OFFICER, null)).hasMessageContaining("county_officer needs a scope");
    }
}
