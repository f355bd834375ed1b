package org.jianqun.core.importing;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one file; keeps the first {@link #LIMIT} so a wholly wrong file does not answer megabytes. */
final class ImportProblems {
    static final int LIMIT = 100;

    private final List<ImportProblem> problems = new ArrayList<>();
    private int total;

    void add(int line, String field, String message) {
        total++;
        if (problems.size() < LIMIT) {
            problems.add(new ImportProblem(line, field, message));
        }
    }

    boolean any() {
        return total > 0;
    }

    /** In file order, whichever check found them. */
    List<ImportProblem> list() {
        problems.sort(java.util.Comparator.comparingInt(ImportProblem::line));
        if (total > problems.size()) {
            List<ImportProblem> withNote = new ArrayList<>(problems);
            withNote.add(new ImportProblem(0, "", "另有 " + (total - problems.size()) + " 处问题未列出"));
            return withNote;
        }
        return List.copyOf(problems);
    }
}
