package org.jianqun.core.persistence;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

/**
 * Stores an {@link Instant} as a DATETIME(3) in UTC. Going through UTC wall-clock time keeps the value
 * the same on MariaDB, MySQL and H2 whatever the server's or the JVM's time zone. It is written as
 * the text {@code yyyy-MM-dd HH:mm:ss.SSS}: Connector/J reads MariaDB's version as "5.5.5-…" and
 * would drop the milliseconds of a temporal parameter.
 */
@MappedTypes(Instant.class)
public final class InstantUtcTypeHandler extends BaseTypeHandler<Instant> {
    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant parameter, JdbcType jdbcType) throws SQLException {
        ps.setString(i, written(parameter));
    }

    /** The parameter text for an instant, for the few writes that bind their own JDBC parameters. */
    public static String written(Instant instant) {
        return WRITTEN.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return toInstant(rs.getObject(columnName, LocalDateTime.class));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return toInstant(rs.getObject(columnIndex, LocalDateTime.class));
    }

    @Override
    public Instant getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return toInstant(cs.getObject(columnIndex, LocalDateTime.class));
    }

    private static Instant toInstant(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
