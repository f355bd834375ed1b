package org.jianqun.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {
    @Test
    void aFailureIsLoggedWithoutTheWordsItQuotes() {
        RuntimeException failure = new IllegalStateException("写入失败：村民张三说村主任优亲厚友",
                new java.sql.SQLDataException("Value too long for column TEXT: '村民张三说村主任优亲厚友'", "22001", 22001));
        String logged = DatabaseFailures.describe(failure);
        assertThat(logged).doesNotContain("张三", "优亲厚友")
                .contains("java.lang.IllegalStateException <- java.sql.SQLDataException (SQLSTATE 22001, vendor code 22001)", " at ");
    }

    @Test
    void onlyAUniqueKeyRefusalIsADuplicate() {
        assertThat(DatabaseFailures.isDuplicateKey(new RuntimeException(new SQLException("dup", "23000", 1062)))).isTrue();
        assertThat(DatabaseFailures.isDuplicateKey(new SQLException("dup", "23505", 23505))).isTrue();
        assertThat(DatabaseFailures.isDuplicateKey(new SQLException("null", "23000", 1048))).as("a NOT NULL refusal").isFalse();
        assertThat(DatabaseFailures.isDuplicateKey(new IllegalStateException("no SQL"))).isFalse();
    }
}
