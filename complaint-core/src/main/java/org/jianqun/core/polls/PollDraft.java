package org.jianqun.core.polls;

import java.time.Instant;
import java.util.List;

/** A poll as an officer asks for it, before it is checked; fields may be null (each checked and named by {@link Polls#create}). */
public record PollDraft(String question, String kind, List<String> options, boolean commentAllowed, String scopeCode,
                        Instant opensAt, Instant closesAt, String resultsShown) {
}
