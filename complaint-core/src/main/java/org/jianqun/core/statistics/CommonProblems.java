package org.jianqun.core.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * 共性问题: similar complaints from several villages in a period. Two complaints are similar when the
 * {@link #similarity Jaccard similarity} of their content words (HanLP-segmented at registration, see
 * {@code ComplaintWords}) is at least {@link #SIMILAR}; each complaint joins the first group whose first complaint
 * it is similar to (single pass, candidates found through shared words), and a group is a common problem when its
 * complaints come from at least {@link #MIN_VILLAGES} villages.
 *
 * <p>Found per region (town, county, city, province) and month by {@link CommonProblemsJob} and stored; a period
 * of several months {@link #combine combines} its months' problems, whose first complaints are compared the same way.
 */
public final class CommonProblems {
    /** Jaccard similarity of the content-word sets at or above which two complaints are the same problem. */
    public static final double SIMILAR = 0.5;
    /** 三个及以上村: fewer is a village's own matter. */
    public static final int MIN_VILLAGES = 3;
    /** The newest complaints of the period compared: bounds a province-year's work to a fixed size. */
    public static final int NEWEST_COMPARED = 5000;
    /** Problems listed, most villages first. */
    public static final int LISTED = 20;

    private CommonProblems() {
    }

    /** @param words the shared words of the group (of its first complaint and all that joined it) */
    public record Problem(Set<String> words, String category, int tickets, List<String> villageCodes, List<Long> ticketNos) {
    }

    /** |A ∩ B| / |A ∪ B|; 0 for two empty sets. */
    public static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String w : a) {
            if (b.contains(w)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }

    /** A problem as found, with its first complaint's words, which months are combined by. */
    record Found(Problem problem, Set<String> first) {
    }

    static List<Found> find(List<TallyMapper.Words> complaints) {
        List<Group> groups = new ArrayList<>();
        Map<String, List<Group>> byWord = new HashMap<>();
        for (TallyMapper.Words c : complaints) {
            Set<String> words = new TreeSet<>(List.of(c.words().isBlank() ? new String[0] : c.words().split(" ")));
            if (words.isEmpty()) {
                continue;
            }
            Group joined = null;
            Set<Group> seen = new HashSet<>();
            for (String w : words) {
                for (Group g : byWord.getOrDefault(w, List.of())) {
                    if (seen.add(g) && similarity(g.first, words) >= SIMILAR) {
                        joined = g;
                        break;
                    }
                }
                if (joined != null) {
                    break;
                }
            }
            if (joined == null) {
                joined = new Group(words, c.category());
                groups.add(joined);
                for (String w : words) {
                    byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(joined);
                }
            }
            joined.add(c, words);
        }
        return listed(groups);
    }

    /**
     * The problems of several months as one list: a month's problem joins the first earlier one whose first complaint
     * is similar to its own, summing tickets and villages; a problem of one month only stays as it is.
     */
    static List<Found> combine(List<Found> months) {
        List<Group> groups = new ArrayList<>();
        for (Found f : months) {
            Group joined = null;
            for (Group g : groups) {
                if (similarity(g.first, f.first()) >= SIMILAR) {
                    joined = g;
                    break;
                }
            }
            if (joined == null) {
                joined = new Group(f.first(), f.problem().category());
                joined.shared.clear();
                joined.shared.addAll(f.problem().words());
                groups.add(joined);
            } else {
                joined.shared.retainAll(f.problem().words());
            }
            joined.villages.addAll(f.problem().villageCodes());
            joined.nos.addAll(f.problem().ticketNos());
        }
        return listed(groups);
    }

    private static List<Found> listed(List<Group> groups) {
        return groups.stream().filter(g -> g.villages.size() >= MIN_VILLAGES)
                .sorted(Comparator.comparingInt((Group g) -> -g.villages.size()).thenComparingInt(g -> -g.nos.size()))
                .limit(LISTED)
                .map(g -> new Found(new Problem(g.shared, g.category, g.nos.size(), List.copyOf(new TreeSet<>(g.villages)),
                        List.copyOf(g.nos)), g.first))
                .toList();
    }

    private static final class Group {
        final Set<String> first;
        final Set<String> shared;
        final String category;
        final Set<String> villages = new LinkedHashSet<>();
        final List<Long> nos = new ArrayList<>();

        Group(Set<String> first, String category) {
            this.first = first;
            this.shared = new TreeSet<>(first);
            this.category = category;
        }

        void add(TallyMapper.Words c, Set<String> words) {
            villages.add(c.villageCode());
            nos.add(c.ticketNo());
            shared.retainAll(words);
        }
    }
}
