package org.jianqun.gateway.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.Test;

/** Which database failures leave a message waiting, with the codes MySQL/MariaDB and H2 really report. */
class TransientFailureTest {
    @Test
    void locksDeadlocksAndLostConnectionsPass() {
        assertThat(TransientFailure.in(wrapped(new SQLException("Deadlock found when trying to get lock", "40001", 1213)))).isPresent();
        assertThat(TransientFailure.in(wrapped(new SQLException("Lock wait timeout exceeded", "HY000", 1205)))).isPresent();
        assertThat(TransientFailure.in(wrapped(new SQLTransactionRollbackException("Lock wait timeout exceeded", "40001", 1205))))
                .hasValueSatisfying(f -> assertThat(f.toString()).isEqualTo("SQLTransactionRollbackException (vendor code 1205, SQLSTATE 40001)"));
        assertThat(TransientFailure.in(wrapped(new SQLException("Timeout trying to lock table", "HYT00", 50200)))).isPresent();
        assertThat(TransientFailure.in(wrapped(new SQLException("Deadlock detected", "40001", 40001)))).isPresent();
        assertThat(TransientFailure.in(wrapped(new SQLException("Communications link failure", "08S01", 0)))).isPresent();
        assertThat(TransientFailure.in(wrapped(new SQLRecoverableException("Connection is closed")))).isPresent();
        SQLException batch = new SQLException("batch failed", "HY000", 0);
        batch.setNextException(new SQLException("Deadlock found when trying to get lock", "40001", 1213));
        assertThat(TransientFailure.in(wrapped(batch))).as("the reason may be a next exception").isPresent();
    }

    @Test
    void whatTheMessageItselfCausesFailsForGood() {
        assertThat(TransientFailure.in(wrapped(new SQLException("Data too long for column 'outcome'", "22001", 1406)))).isEmpty();
        assertThat(TransientFailure.in(wrapped(new SQLException("Value too long for column", "22001", 22001)))).isEmpty();
        assertThat(TransientFailure.in(wrapped(new SQLException("Duplicate entry", "23000", 1062)))).isEmpty();
        assertThat(TransientFailure.in(new IllegalStateException("command word without a rule"))).isEmpty();
    }

    private static RuntimeException wrapped(SQLException e) {
        return new PersistenceException("### Error querying database.", e);
    }
}
