package org.jianqun.core.realname;

import java.util.List;
import java.util.Optional;
import org.jianqun.core.access.Role;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.organisation.RegionLevel;

/**
 * The conflict shield (DESIGN.md "Real-name reports"): the named rule that chooses the discipline office a
 * real-name report goes to, so that it never reaches anyone it accuses, nor their colleagues.
 * <ol>
 * <li>To the discipline office of the reporter's village's town;</li>
 * <li>to the county's when it accuses a town official or a member of a town discipline office;</li>
 * <li>to the city's when it accuses a county official (a member of the county's discipline office included);</li>
 * <li>never to an office one of whose discipline officers it accuses: then one level further up. Above the city
 *     there is no office on this platform: such a report is refused with a reason (to be made to the province).</li>
 * </ol>
 * Registered people count by role and scope: villagers, village cadres and bookkeepers as their village; resident
 * cadres (town officials assigned to villages) as their town; officers as their level; discipline officers as a
 * member of the office of their scope; an admin (no power over tickets, not a cadre of the tree) as nobody.
 * A written position counts by the highest level word it names ({@link #standingOfWritten}).
 */
public final class ConflictShield {
    private ConflictShield() {
    }

    /** Where the report goes and why, in words for its office (never shown to anyone else). */
    public record Route(String officeCode, String reason) {
    }

    /** No office on the platform may take it. */
    public record NoOffice(String reason) {
    }

    public sealed interface Decision permits Routed, Unroutable {
    }

    public record Routed(Route route) implements Decision {
    }

    public record Unroutable(NoOffice why) implements Decision {
    }

    /** The standing of a registered person, or empty for one who counts as nobody (an admin). */
    public static Optional<Standing> standingOf(Person person) {
        Role role = person.role();
        String scope = person.scopeCode();
        if (scope == null) {
            return Optional.empty();
        }
        return switch (role) {
            case VILLAGER, VILLAGE_CADRE, BOOKKEEPER -> Optional.of(new Standing(RegionLevel.VILLAGE, scope, false));
            case RESIDENT_CADRE -> Optional.of(new Standing(RegionLevel.TOWN, scope.substring(0, RegionLevel.TOWN.codeLength()), false));
            case TOWN_OFFICER -> Optional.of(new Standing(RegionLevel.TOWN, scope, false));
            case COUNTY_OFFICER -> Optional.of(new Standing(RegionLevel.COUNTY, scope, false));
            case CITY_OFFICER -> Optional.of(new Standing(RegionLevel.CITY, scope, false));
            case DISCIPLINE_OFFICER -> RegionLevel.ofCodeLength(scope.length()).map(level -> new Standing(level, scope, true));
            case ADMIN -> Optional.empty();
        };
    }

    /**
     * A written position, counted by the highest level it names, in the reporter's own region at that level
     * (the position names no place, so a written 镇长 is the town's of the reporter's village): 市 → the city,
     * 县 or 区 → the county, 镇, 乡 or 街道 → the town, anything else (村主任, 会计, 组长, nothing) → the village.
     * 纪委, 纪检 or 监察 makes it a member of that level's discipline office, the town's when no level is named.
     * Erring upward is the safe side: a report routed one office too high still reaches officers free of the accused.
     */
    public static Standing standingOfWritten(String position, String villageCode) {
        String p = position == null ? "" : position.strip();
        boolean discipline = p.contains("纪委") || p.contains("纪检") || p.contains("监察") || p.contains("监委");
        RegionLevel level;
        if (p.contains("市")) {
            level = RegionLevel.CITY;
        } else if (p.contains("县") || p.contains("区")) {
            level = RegionLevel.COUNTY;
        } else if (p.contains("镇") || p.contains("乡") || p.contains("街道") || discipline) {
            level = RegionLevel.TOWN;
        } else {
            level = RegionLevel.VILLAGE;
        }
        return new Standing(level, villageCode.substring(0, level.codeLength()), discipline);
    }

    /** The rule itself, over the accused people's standings. */
    public static Decision route(String villageCode, List<Standing> accused) {
        RegionLevel office = RegionLevel.TOWN;
        String because = "未举报镇级及以上干部，交本镇纪检监察机关";
        for (Standing a : accused) {
            if (a.level() == RegionLevel.TOWN && office == RegionLevel.TOWN) {
                office = RegionLevel.COUNTY;
                because = "举报对象含" + a.label() + "，交县级纪检监察机关";
            } else if ((a.level() == RegionLevel.COUNTY || a.level() == RegionLevel.CITY) && office != RegionLevel.CITY) {
                office = RegionLevel.CITY;
                because = "举报对象含" + a.label() + "，交市级纪检监察机关";
            }
        }
        // Never to an office it accuses a member of: one level further up, as often as it takes.
        while (true) {
            String code = villageCode.substring(0, office.codeLength());
            RegionLevel at = office;
            boolean accusesOffice = accused.stream().anyMatch(a -> a.disciplineOfficer() && a.level() == at && a.regionCode().equals(code));
            if (!accusesOffice) {
                return new Routed(new Route(code, because));
            }
            Optional<RegionLevel> up = office.above();
            if (up.isEmpty()) {
                return new Unroutable(new NoOffice("举报对象含市级纪检监察干部，本平台没有其上级机关，请向省级纪检监察机关反映"));
            }
            office = up.get();
            because = "举报对象含" + at.label() + "纪检监察干部，交" + office.label() + "纪检监察机关";
        }
    }
}
