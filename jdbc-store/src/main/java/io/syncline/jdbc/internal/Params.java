package io.syncline.jdbc.internal;

import java.sql.Types;
import java.time.Instant;
import org.jdbi.v3.core.argument.Argument;

/**
 * Jdbi arguments that bind exactly as this store stores values, bypassing Jdbi's own java.time
 * conversions (which would apply the JVM's time zone on some drivers). Thread-safe.
 *
 * @param time how the dialect stores instants
 */
public record Params(TimeCodec time) {

  /**
   * @param value text or null
   * @return an argument binding it as VARCHAR
   */
  public Argument text(String value) {
    return (position, statement, ctx) -> {
      if (value == null) {
        statement.setNull(position, Types.VARCHAR);
      } else {
        statement.setString(position, value);
      }
    };
  }

  /**
   * @param values texts
   * @return an argument binding them as one SQL array (H2's {@code TABLE(x VARCHAR = ?)})
   */
  public Argument textArray(java.util.List<String> values) {
    Object[] array = values.toArray();
    return (position, statement, ctx) -> statement.setObject(position, array);
  }

  /**
   * @param value an integer
   * @return an argument binding it
   */
  public Argument integer(int value) {
    return (position, statement, ctx) -> statement.setInt(position, value);
  }

  /**
   * @param value a count
   * @return an argument binding it as BIGINT
   */
  public Argument count(long value) {
    return (position, statement, ctx) -> statement.setLong(position, value);
  }

  /**
   * @param value an instant or null
   * @return an argument binding it as the dialect stores instants
   */
  public Argument instant(Instant value) {
    return (position, statement, ctx) -> time.set(statement, position, value);
  }
}
