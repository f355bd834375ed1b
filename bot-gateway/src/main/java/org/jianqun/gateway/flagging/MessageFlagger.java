package org.jianqun.gateway.flagging;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.seg.common.Term;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a group message that is not a command and says whether a person should look at it: it names
 * corruption (套取, 虚报, 优亲厚友 …) or reads like a request (怎么办, 没人管, 拖欠 …). The words are data
 * ({@code flagging/*.txt}); the text is segmented by HanLP with those words added to its custom
 * dictionary, so 优亲厚友 is one word and 公开 inside 不公开 is not mistaken for it.
 */
public final class MessageFlagger {
    private final Set<String> corruption;
    private final Set<String> request;

    /** What a message was flagged for, and the words that did it. */
    public record Flag(boolean corruption, boolean request, List<String> words) {
        public boolean raised() {
            return corruption || request;
        }
    }

    public MessageFlagger() {
        this(words("flagging/corruption-words.txt"), words("flagging/request-words.txt"));
    }

    MessageFlagger(Set<String> corruption, Set<String> request) {
        this.corruption = corruption;
        this.request = request;
        synchronized (MessageFlagger.class) {
            for (String w : corruption) {
                CustomDictionary.insert(w, "nz 1024");
            }
            for (String w : request) {
                CustomDictionary.insert(w, "nz 1024");
            }
        }
    }

    /** Blocking on first use (HanLP loads its dictionaries): call from a worker thread. */
    public Flag read(String text) {
        if (text == null || text.isBlank()) {
            return new Flag(false, false, List.of());
        }
        Set<String> hits = new LinkedHashSet<>();
        boolean corrupt = false;
        boolean asks = false;
        for (Term term : HanLP.segment(text)) {
            if (corruption.contains(term.word)) {
                corrupt = true;
                hits.add(term.word);
            } else if (request.contains(term.word)) {
                asks = true;
                hits.add(term.word);
            }
        }
        return new Flag(corrupt, asks, new ArrayList<>(hits));
    }

    static Set<String> words(String resource) {
        try (InputStream in = MessageFlagger.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the jar");
            }
            Set<String> words = new LinkedHashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(words::add);
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
