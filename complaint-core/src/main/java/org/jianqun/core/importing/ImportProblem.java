package org.jianqun.core.importing;

/** One thing wrong with an import file: 1-based line, the column (empty for the whole line/file), and what is wrong. */
public record ImportProblem(int line, String field, String message) {
}
