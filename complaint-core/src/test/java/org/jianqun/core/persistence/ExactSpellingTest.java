package org.jianqun.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.jianqun.core.access.Role;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.GroupPurpose;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Usernames, chat user ids and group ids compare exactly as stored (V11), on MariaDB (CI) as on H2: no accent,
 * width, case or trailing space lets one account, sender or group pass for another.
 */
class ExactSpellingTest {
    private static final Instant AT = Instant.parse("2026-03-02T01:00:00Z");
    private static final String VILLAGE = "359901100201";
    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
        db.database().inTransaction(s -> {
            RegionMapper regions = s.getMapper(RegionMapper.class);
            regions.insert(new Region("3599", "示范市", RegionLevel.CITY, null), AT);
            regions.insert(new Region("359901", "清源县", RegionLevel.COUNTY, "3599"), AT);
            regions.insert(new Region("359901100", "东岭镇", RegionLevel.TOWN, "359901"), AT);
            regions.insert(new Region(VILLAGE, "东岭村", RegionLevel.VILLAGE, "359901100"), AT);
            s.getMapper(PersonMapper.class).insert(new Person(null, "东岭镇办事员", Role.TOWN_OFFICER, "359901100", null, null,
                    "town2-officer", "hash"), AT);
            s.getMapper(PersonMapper.class).insert(new Person(null, "东岭村干部", Role.VILLAGE_CADRE, VILLAGE, Channel.BRIDGE,
                    "cadre-359901100201", null, null), AT);
            s.getMapper(GroupMapper.class).insert(new ChatGroup(null, Channel.BRIDGE, "g-201-1", VILLAGE, "东岭村监督群",
                    GroupPurpose.VILLAGERS, null), AT);
            return null;
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aUsernameMatchesOnlyItsOwnSpelling() {
        assertThat(db.database().<Person>read(s -> s.getMapper(PersonMapper.class).findByUsername("town2-officer"))).isNotNull();
        for (String other : new String[] {"t\u00F3wn2-officer", "town2-officer ", "\uFF54own2-officer", "TOWN2-OFFICER", "town2-officer\u00A0"}) {
            assertThat(db.database().<Person>read(s -> s.getMapper(PersonMapper.class).findByUsername(other))).as(other).isNull();
        }
    }

    @Test
    void aChatUserIdMatchesOnlyItsOwnSpelling() {
        assertThat(db.database().<Person>read(s -> s.getMapper(PersonMapper.class).findByChannelUser(Channel.BRIDGE, "cadre-359901100201")))
                .isNotNull();
        for (String other : new String[] {"CADRE-359901100201 ", "CADRE-359901100201", "cadre-359901100201 ", "c\u00E1dre-359901100201",
                "\uFF43adre-359901100201"}) {
            assertThat(db.database().<Person>read(s -> s.getMapper(PersonMapper.class).findByChannelUser(Channel.BRIDGE, other))).as(other).isNull();
        }
        // Another spelling is another sender: the unique key does not take it for a duplicate.
        db.database().inTransaction(s -> {
            s.getMapper(PersonMapper.class).insert(new Person(null, "另一个人", Role.VILLAGER, VILLAGE, Channel.BRIDGE, "CADRE-359901100201", null, null), AT);
            s.getMapper(PersonMapper.class).insert(new Person(null, "又一个人", Role.VILLAGER, VILLAGE, Channel.BRIDGE, "cadre-359901100201 ", null, null), AT);
            return null;
        });
        assertThat(db.database().<Person>read(s -> s.getMapper(PersonMapper.class).findByChannelUser(Channel.BRIDGE, "cadre-359901100201")).role())
                .isEqualTo(Role.VILLAGE_CADRE);
    }

    @Test
    void aGroupIdMatchesOnlyItsOwnSpelling() {
        assertThat(db.database().<ChatGroup>read(s -> s.getMapper(GroupMapper.class).find(Channel.BRIDGE, "g-201-1"))).isNotNull();
        for (String other : new String[] {"G-201-1", "g-201-1 ", "\uFF47-201-1"}) {
            assertThat(db.database().<ChatGroup>read(s -> s.getMapper(GroupMapper.class).find(Channel.BRIDGE, other))).as(other).isNull();
        }
    }
}
