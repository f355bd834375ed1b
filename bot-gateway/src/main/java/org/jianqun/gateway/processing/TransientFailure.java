package org.jianqun.gateway.processing;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;

/**
 * A database failure that says nothing about the message: a deadlock, a lock wait that timed out, a
 * lost connection. The same message may well go through on a later pass, so it must not be failed for
 * good. Described by exception type and codes only, never the driver's text (it can quote the message).
 */
record TransientFailure(String exception, int vendorCode, String sqlState) {
    private static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;
    private static final int MYSQL_DEADLOCK = 1213;
    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final int H2_DEADLOCK = 40001;
    /** Causes are followed this deep, no further (a cycle would otherwise never end). */
    private static final int DEPTH = 16;

    /** The transient database failure behind {@code failure}, if that is what it is. */
    static Optional<TransientFailure> in(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SQLException e) {
                for (SQLException each = e; each != null; each = each.getNextException()) {
                    if (isTransient(each)) {
                        return Optional.of(new TransientFailure(each.getClass().getSimpleName(), each.getErrorCode(), each.getSQLState()));
                    }
                    if (each.getNextException() == each) {
                        break;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isTransient(SQLException e) {
        // Drivers do not always pick the JDBC subclass (Connector/J reports 1205 as a plain SQLException
        // in some paths), so the vendor codes and SQLSTATE are read as well: 40001 is a serialization
        // failure or deadlock, class 08 a connection exception.
        int code = e.getErrorCode();
        String state = e.getSQLState();
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || code == MYSQL_LOCK_WAIT_TIMEOUT || code == MYSQL_DEADLOCK || code == H2_LOCK_TIMEOUT || code == H2_DEADLOCK
                || (state != null && (state.equals("40001") || state.startsWith("08")));
    }

    @Override
    public String toString() {
        return exception + " (vendor code " + vendorCode + ", SQLSTATE " + sqlState + ")";
    }
}
