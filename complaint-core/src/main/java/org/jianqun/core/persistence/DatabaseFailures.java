package org.jianqun.core.persistence;

import java.sql.SQLException;

/**
 * What a failure was, told without any exception's message: drivers quote the values they refused
 * (H2 the whole value too long for its column), and those values may be a villager's words or name.
 * For logs and for the reasons the admin console shows.
 */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    /** Each cause's type, with SQL codes where it is an SQLException, and where the innermost was thrown. */
    public static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable root = failure;
        for (Throwable t = failure; t != null && out.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.length() == 0 ? "" : " <- ").append(t.getClass().getName());
            if (t instanceof SQLException sql) {
                out.append(" (SQLSTATE ").append(sql.getSQLState()).append(", vendor code ").append(sql.getErrorCode()).append(')');
            }
            root = t;
        }
        StackTraceElement[] at = root.getStackTrace();
        return at.length == 0 ? out.toString() : out.append(" at ").append(at[0]).toString();
    }

    /** A unique key refused the row (MySQL/MariaDB error 1062, H2's SQLSTATE 23505); not any other constraint. */
    public static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == 1062 || "23505".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
