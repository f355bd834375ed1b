package org.jianqun.core.polls;

/** What a poll command did: its result, or a refusal naming the problem, the field and why (Chinese). */
public sealed interface PollOutcome<T> {
    record Done<T>(T value) implements PollOutcome<T> {
    }

    record Refused<T>(PollProblem problem, String field, String message) implements PollOutcome<T> {
    }

    static <T> PollOutcome<T> refused(PollProblem problem, String field, String message) {
        return new Refused<>(problem, field, message);
    }
}
