package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How one dialect stores an {@link Instant}: microsecond precision everywhere (what PostgreSQL and
 * MariaDB keep), in UTC. Thread-safe.
 */
public final class TimeCodec {
  private static final DateTimeFormatter SQLITE_TEXT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final Dialect dialect;

  /** @param dialect the dialect */
  public TimeCodec(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Truncates an instant to what the database keeps, so comparisons in Java match stored values.
   *
   * @param instant an instant
   * @return the instant truncated to microseconds
   */
  public static Instant stored(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Binds an instant or SQL NULL.
   *
   * @param ps the statement
   * @param index the 1-based parameter index
   * @param instant the instant, or null
   * @throws SQLException from the driver
   */
  public void set(PreparedStatement ps, int index, Instant instant) throws SQLException {
    switch (dialect) {
      case SQLITE -> {
        if (instant == null) {
          ps.setNull(index, Types.VARCHAR);
        } else {
          ps.setString(index, SQLITE_TEXT.format(stored(instant)));
        }
      }
      case MARIADB -> {
        if (instant == null) {
          ps.setNull(index, Types.TIMESTAMP);
        } else {
          ps.setObject(index, LocalDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
        }
      }
      default -> {
        if (instant == null) {
          ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
          ps.setObject(index, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
        }
      }
    }
  }

  /**
   * Reads an instant column.
   *
   * @param rs the result set
   * @param column the column's label
   * @return the instant, or null for SQL NULL
   * @throws SQLException from the driver
   */
  public Instant get(ResultSet rs, String column) throws SQLException {
    switch (dialect) {
      case SQLITE -> {
        String text = rs.getString(column);
        return text == null ? null : Instant.parse(text);
      }
      case MARIADB -> {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
      }
      default -> {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
      }
    }
  }
}
