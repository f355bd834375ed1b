package org.jianqun.core.clues;

/** The answer to a command on the library: done (with the clue as it now stands), or why not. Nothing is written unless done. */
public sealed interface ClueOutcome {
    record Done(ClueLibrary.ClueView clue) implements ClueOutcome {
    }

    /** No clue the caller may know has that id (missing, or not theirs: the same answer). */
    record NotFound(long id) implements ClueOutcome {
    }

    /** The source named does not exist for the caller, or is not what its kind says (a 400 naming {@code field}). */
    record BadSource(String field, String message) implements ClueOutcome {
    }

    /** A named rule refused the step (409). */
    record Refused(ClueRule rule, String message) implements ClueOutcome {
    }
}
