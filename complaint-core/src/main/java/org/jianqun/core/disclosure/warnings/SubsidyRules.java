package org.jianqun.core.disclosure.warnings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.disclosure.DisclosureLines;
import org.jianqun.core.disclosure.DisclosureMapper;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.Money;
import org.jianqun.core.identity.IdNumberHash;
import org.jianqun.core.persistence.RegionMapper;

/**
 * The two rules about subsidy lines. "The same person" is the same ID number hash when both lines carry one, and
 * otherwise the same name in the same village only: namesakes are common, and two villages' 林某某 are two people
 * unless their ID numbers say otherwise.
 */
final class SubsidyRules {
    /** Places named in a message; village names and months are short, so a few fit well under 500 characters. */
    static final int MAX_PLACES = 6;
    private final Map<String, SubsidyPeriod> kindPeriods;

    SubsidyRules(Map<String, SubsidyPeriod> kindPeriods) {
        this.kindPeriods = Map.copyOf(kindPeriods);
    }

    /** A subsidy line wherever it came from: this upload (version 0) or an earlier one. */
    private record Line(String villageCode, DisclosureMonth month, int version, int row, String recipient, String kind, Money amount,
                        Optional<String> idNumberHash) {
        static Line of(String villageCode, DisclosureMonth month, DisclosureLines.Subsidy s) {
            return new Line(villageCode, month, 0, s.row(), s.recipient(), s.kind(), s.amount(), s.idNumber().map(IdNumberHash::hex));
        }

        static Line seen(DisclosureMapper.SeenSubsidy s) {
            return new Line(s.villageCode(), DisclosureMonth.parse(s.disclosureMonth()).orElseThrow(), s.version(), s.lineNo(), s.recipient(),
                    s.kind(), new Money(s.amountCents()), Optional.ofNullable(s.idNumberHash()));
        }

        boolean bothIdentified(Line other) {
            return idNumberHash.isPresent() && other.idNumberHash.isPresent();
        }

        boolean samePerson(Line other) {
            return bothIdentified(other) ? idNumberHash.equals(other.idNumberHash)
                    : villageCode.equals(other.villageCode) && recipient.equals(other.recipient);
        }

        String key() {
            return villageCode + "/" + month.wire() + "/" + version + "/" + row;
        }
    }

    SubsidyPeriod periodOf(RuleSetting s, String kind) {
        return kindPeriods.getOrDefault(kind, s.periodOrDefault());
    }

    /**
     * The same kind to the same person twice within the kind's period: within this upload, or against the
     * version that stands for another month of the period (this village's, or any village's of the county when
     * both lines carry an ID number). This (village, month)'s own earlier versions are replaced by this upload.
     */
    void twice(SqlSession session, RuleSetting s, String countyCode, String villageCode, DisclosureMonth month, DisclosureLines lines,
               List<SmartWarning> found) {
        if (lines.subsidies().isEmpty()) {
            return;
        }
        List<Line> here = lines.subsidies().stream().map(x -> Line.of(villageCode, month, x)).toList();
        List<List<Line>> groups = samePeople(here, earlier(session.getMapper(DisclosureMapper.class), s, countyCode, villageCode, month, here));
        if (groups.isEmpty()) {
            return;
        }
        Map<String, String> villageNames = villageNames(session, groups.stream().flatMap(List::stream).map(Line::villageCode).toList());
        groups.forEach(same -> found.add(warning(s, month, same, villageNames)));
    }

    /** The other months' lines of the period that may be the same people: by their ID number hash, or by name in this village. */
    private List<Line> earlier(DisclosureMapper mapper, RuleSetting s, String countyCode, String villageCode, DisclosureMonth month, List<Line> here) {
        SubsidyIndex.catchUp(mapper, countyCode);
        DisclosureMonth from = here.stream().map(l -> periodOf(s, l.kind()).first(month)).min(DisclosureMonth::compareTo).orElseThrow();
        DisclosureMonth to = here.stream().map(l -> periodOf(s, l.kind()).last(month)).max(DisclosureMonth::compareTo).orElseThrow();
        Set<String> hashes = here.stream().flatMap(l -> l.idNumberHash().stream()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> names = here.stream().map(Line::recipient).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Line> seen = new LinkedHashMap<>();
        if (!hashes.isEmpty()) {
            mapper.subsidiesToIdNumbers(countyCode, hashes, from.wire(), to.wire(), villageCode, month.wire())
                    .stream().map(Line::seen).forEach(l -> seen.putIfAbsent(l.key(), l));
        }
        mapper.subsidiesNamed(villageCode, names, from.wire(), to.wire(), month.wire()).stream().map(Line::seen).forEach(l -> seen.putIfAbsent(l.key(), l));
        return seen.values().stream().filter(e -> periodOf(s, e.kind()).holds(month, e.month())).toList();
    }

    /** Each line of this upload with the lines of the same kind to the same person; a line already in a group starts none. */
    private static List<List<Line>> samePeople(List<Line> here, List<Line> earlier) {
        Set<Integer> reported = new HashSet<>();
        List<List<Line>> groups = new ArrayList<>();
        for (Line line : here) {
            if (reported.contains(line.row())) {
                continue;
            }
            List<Line> same = new ArrayList<>(List.of(line));
            here.stream().filter(o -> o.row() != line.row() && o.kind().equals(line.kind()) && line.samePerson(o)).forEach(same::add);
            earlier.stream().filter(o -> o.kind().equals(line.kind()) && line.samePerson(o)).forEach(same::add);
            if (same.size() > 1) {
                same.stream().filter(o -> o.version() == 0).forEach(o -> reported.add(o.row()));
                groups.add(same);
            }
        }
        return groups;
    }

    private SmartWarning warning(RuleSetting s, DisclosureMonth month, List<Line> same, Map<String, String> villageNames) {
        Line first = same.get(0);
        JsonArray evidence = new JsonArray().add(evidence(first, villageNames));
        same.stream().skip(1).forEach(o -> evidence.add(evidence(o, villageNames).put("matchedBy", first.bothIdentified(o) ? "idNumber" : "name")));
        // The message is at most 500 characters (disclosure_warning.message): the evidence has every row.
        String where = same.stream().limit(MAX_PLACES).map(o -> o.version() == 0 ? "本次第 " + o.row() + " 行"
                : o.month().label() + shortened(villageNames.get(o.villageCode())) + "第 " + o.version() + " 版第 " + o.row() + " 行")
                .collect(Collectors.joining("；")) + (same.size() > MAX_PLACES ? "等" : "");
        boolean byIdNumber = same.stream().skip(1).anyMatch(first::bothIdentified);
        return new SmartWarning(s.rule(), s.colour(), shortened(first.recipient()) + (byIdNumber ? "（按身份证号）" : "") + " 在"
                + periodOf(s, first.kind()).describe(month) + "内领取" + shortened(first.kind()) + " " + same.size() + " 次：" + where, evidence);
    }

    private static String shortened(String s) {
        return s.codePointCount(0, s.length()) <= 20 ? s : s.substring(0, s.offsetByCodePoints(0, 20)) + "…";
    }

    /**
     * A subsidy to a registered relative of a cadre whose scope covers the village: by ID number hash when the line
     * has one (the rule's colour: it is that person), else by name (the name-match colour: 同名, to be checked).
     */
    void relatives(SqlSession session, RuleSetting s, String villageCode, DisclosureLines lines, List<SmartWarning> found) {
        if (lines.subsidies().isEmpty()) {
            return;
        }
        DisclosureMapper mapper = session.getMapper(DisclosureMapper.class);
        List<String> hashes = lines.subsidies().stream().flatMap(x -> x.idNumber().stream()).map(IdNumberHash::hex).distinct().toList();
        List<String> names = lines.subsidies().stream().filter(x -> x.idNumber().isEmpty()).map(DisclosureLines.Subsidy::recipient).distinct().toList();
        Map<String, DisclosureMapper.Relative> byHash = hashes.isEmpty() ? Map.of() : mapper.relativesWithIdNumber(hashes, villageCode).stream()
                .collect(Collectors.toMap(DisclosureMapper.Relative::idNumberHash, r -> r, (a, b) -> a));
        Map<String, DisclosureMapper.Relative> byName = names.isEmpty() ? Map.of() : mapper.relativesNamed(names, villageCode).stream()
                .collect(Collectors.toMap(DisclosureMapper.Relative::name, r -> r, (a, b) -> a));
        for (DisclosureLines.Subsidy x : lines.subsidies()) {
            DisclosureMapper.Relative match = x.idNumber().isPresent() ? byHash.get(x.idNumber().get().hex()) : byName.get(x.recipient());
            if (match == null) {
                continue;
            }
            boolean identified = x.idNumber().isPresent();
            JsonObject row = new JsonObject().put("part", "subsidies").put("row", x.row()).put("recipient", x.recipient()).put("kind", x.kind())
                    .put("amount", x.amount().yuan()).put("relation", match.relation()).put("matchedBy", identified ? "idNumber" : "name");
            String message = identified
                    ? "补贴第 " + x.row() + " 行的领取人 " + x.recipient() + " 的身份证号与本村干部登记的亲属（" + match.relation() + "）一致"
                    : "补贴第 " + x.row() + " 行的领取人 " + x.recipient() + " 与本村干部登记的亲属（" + match.relation() + "）同名（未填身份证号，请核实是否同一人）";
            found.add(new SmartWarning(s.rule(), identified ? s.colour() : s.colourOfNameMatch(), message, new JsonArray().add(row)));
        }
    }

    private static JsonObject evidence(Line o, Map<String, String> villageNames) {
        JsonObject e = new JsonObject().put("villageCode", o.villageCode()).put("villageName", villageNames.get(o.villageCode()))
                .put("month", o.month().wire());
        if (o.version() > 0) {
            e.put("version", o.version());
        }
        return e.put("part", "subsidies").put("row", o.row()).put("recipient", o.recipient()).put("kind", o.kind()).put("amount", o.amount().yuan());
    }

    private static Map<String, String> villageNames(SqlSession session, Collection<String> codes) {
        Map<String, String> names = new LinkedHashMap<>();
        session.getMapper(RegionMapper.class).findAll(codes.stream().distinct().toList()).forEach(r -> names.put(r.code(), r.name()));
        codes.forEach(c -> names.putIfAbsent(c, c));
        return names;
    }
}
