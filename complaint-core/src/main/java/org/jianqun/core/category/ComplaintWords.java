package org.jianqun.core.category;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.seg.common.Term;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a complaint is about, read from its words: HanLP segments the text (with the category words of
 * {@code categories/words.txt} in its custom dictionary, as the gateway's flagging does with its lists), then
 * <ul>
 * <li>{@link #guess}: the category whose words occur most, alone or inside a longer word (ties: the earlier line;
 *     none: 其他), and</li>
 * <li>{@link #contentWords}: the content words (nouns, verbs, adjectives, and the dictionary's words; no
 *     particles, pronouns, numbers or single characters but the listed ones), which the common problems compare.</li>
 * </ul>
 * Blocking on first use (HanLP loads its dictionaries): call from a worker thread. Thread-safe.
 */
public final class ComplaintWords {
    /** A stored word set is bounded (ticket_words.words is 600 characters). */
    public static final int MAX_WORDS = 40;

    private final Map<String, Set<String>> wordsByCategory;
    private final Set<String> listed;

    public ComplaintWords() {
        this(read("categories/words.txt"));
    }

    ComplaintWords(Map<String, Set<String>> wordsByCategory) {
        this.wordsByCategory = wordsByCategory;
        Set<String> all = new LinkedHashSet<>();
        wordsByCategory.values().forEach(all::addAll);
        this.listed = Set.copyOf(all);
        synchronized (CustomDictionary.class) {
            for (String w : all) {
                if (w.length() > 1) {
                    CustomDictionary.insert(w, "nz 1024");
                }
            }
        }
    }

    /** The category the words suggest, among {@code allowed} (the stored list); {@link Category#OTHER} when none does. */
    public Category guess(String text, Collection<Category> allowed) {
        return guess(segmented(text), allowed);
    }

    /** A text cut into HanLP's terms once, for both {@link #guess} and {@link #contentWords} (a registration needs both). */
    public record Segmented(List<Term> terms) {
        public Segmented {
            terms = List.copyOf(terms);
        }
    }

    /** Blocking on first use, as the class is. */
    public Segmented segmented(String text) {
        return new Segmented(text == null || text.isBlank() ? List.of() : HanLP.segment(text));
    }

    public Category guess(Segmented text, Collection<Category> allowed) {
        List<String> words = text.terms().stream().map(t -> t.word).toList();
        Category best = Category.OTHER;
        int bestHits = 0;
        for (Category c : allowed) {
            Set<String> of = wordsByCategory.getOrDefault(c.name(), Set.of());
            int hits = (int) words.stream().filter(w -> hits(w, of)).count();
            if (hits > bestHits) {
                best = c;
                bestHits = hits;
            }
        }
        return best;
    }

    /** A segmented word hits a category's list when it is one of its words or holds one (垃圾堆 holds 垃圾). */
    private static boolean hits(String word, Set<String> listed) {
        if (listed.contains(word)) {
            return true;
        }
        for (String l : listed) {
            if (l.length() >= 2 && word.length() > l.length() && word.contains(l)) {
                return true;
            }
        }
        return false;
    }

    /** The complaint's content words, sorted and distinct, at most {@link #MAX_WORDS}. */
    public Set<String> contentWords(String text) {
        return contentWords(segmented(text));
    }

    public Set<String> contentWords(Segmented text) {
        Set<String> out = new TreeSet<>();
        for (Term term : text.terms()) {
            String w = term.word.strip();
            String nature = term.nature == null ? "" : term.nature.toString();
            boolean content = nature.startsWith("n") || nature.startsWith("v") || nature.startsWith("a") || nature.startsWith("g");
            if (listed.contains(w) || (content && w.codePointCount(0, w.length()) > 1 && w.chars().noneMatch(Character::isDigit))) {
                out.add(w);
            }
            if (out.size() >= MAX_WORDS) {
                break;
            }
        }
        return out;
    }

    static Map<String, Set<String>> read(String resource) {
        try (InputStream in = ComplaintWords.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the jar");
            }
            Map<String, Set<String>> out = new LinkedHashMap<>();
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int colon = l.indexOf(':');
                if (colon < 1) {
                    throw new IllegalStateException(resource + ": a line is `类别: words`, not " + l);
                }
                Set<String> words = new LinkedHashSet<>(List.of(l.substring(colon + 1).strip().split("\\s+")));
                out.put(l.substring(0, colon).strip(), Set.copyOf(words));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
