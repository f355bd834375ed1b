package org.jianqun.core.disclosure;

import java.util.List;
import org.jianqun.core.disclosure.warnings.SmartWarning;

/** What an upload came to. */
public sealed interface UploadOutcome {
    /** Stored (or, {@code unchanged}, the same lines were stored already), with the warnings it raised. */
    record Accepted(long disclosureId, int version, boolean unchanged, List<SmartWarning> warnings) implements UploadOutcome {
        public Accepted {
            warnings = List.copyOf(warnings);
        }
    }

    /** Lines with problems: nothing was written. */
    record Invalid(List<LineProblem> problems) implements UploadOutcome {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    record Refused(Refusal refusal) implements UploadOutcome {
    }
}
