package org.jianqun.core.realname;

/** What became of a real-name report: registered (its number and the receipt for the reporter), or refused. */
public sealed interface Submission {
    record Accepted(long no, String receipt) implements Submission {
    }

    /**
     * @param problem the stable reason ({@link SubmissionProblem#code()} is the API's error code)
     * @param field   the input field at fault, or null
     * @param message Chinese for the reporter; it never repeats their identity
     */
    record Refused(SubmissionProblem problem, String field, String message) implements Submission {
    }
}
