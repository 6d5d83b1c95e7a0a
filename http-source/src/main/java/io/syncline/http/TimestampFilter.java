package io.syncline.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The query parameter that limits a listing to records changed since an instant, such as
 * {@code updated_since=2026-11-28T10:00:00.000Z}.
 *
 * <p>An inclusive filter ({@code updated_at >= value}) receives the position's instant itself; an
 * exclusive one ({@code updated_at > value}) receives the instant minus one {@code granularity}
 * step, so records sharing the position's instant are always re-read, never skipped. Each
 * incremental pass starts at the stored cursor's instant without its id: every record of that
 * instant comes back and is compared with the stored version by content (an unchanged one counts
 * as unchanged and costs no write), so a record with a lower id that was edited again within the
 * same instant is stored, not dropped as "at or before the position". Only inside one pass, once
 * a page has delivered records of an instant, are that instant's records at or below the last id
 * delivered skipped (a run of equal timestamps longer than a page continues by id). Instants are
 * truncated down to the granularity before they are written. Immutable and thread-safe.
 *
 * @param parameter the query parameter's name
 * @param inclusive whether the API keeps records whose timestamp equals the value
 * @param format how instants are written (default {@link TimestampFormat#iso8601Millis()})
 * @param granularity the smallest step of the API's timestamps (default one millisecond)
 */
public record TimestampFilter(String parameter, boolean inclusive, TimestampFormat format, Duration granularity) {

  /** Validates the components. */
  public TimestampFilter {
    if (parameter == null || parameter.isBlank()) {
      throw new IllegalArgumentException("timestamp filter parameter must not be blank");
    }
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(granularity, "granularity");
    if (granularity.isNegative() || granularity.isZero()) {
      throw new IllegalArgumentException("timestamp granularity must be positive: " + granularity);
    }
  }

  /**
   * An inclusive filter ({@code >=}) with ISO-8601 millisecond instants, like the field-service
   * API's {@code updated_since}.
   *
   * @param parameter the parameter's name
   * @return the filter
   */
  public static TimestampFilter inclusive(String parameter) {
    return new TimestampFilter(parameter, true, TimestampFormat.iso8601Millis(), Duration.ofMillis(1));
  }

  /**
   * An exclusive filter ({@code >}) with ISO-8601 millisecond instants, like {@code updated_after}.
   *
   * @param parameter the parameter's name
   * @return the filter
   */
  public static TimestampFilter exclusive(String parameter) {
    return new TimestampFilter(parameter, false, TimestampFormat.iso8601Millis(), Duration.ofMillis(1));
  }

  /**
   * A copy with another format.
   *
   * @param f the format
   * @return the filter
   */
  public TimestampFilter withFormat(TimestampFormat f) {
    return new TimestampFilter(parameter, inclusive, f, granularity);
  }

  /**
   * A copy with another granularity, such as one second for an API with second timestamps.
   *
   * @param step the granularity
   * @return the filter
   */
  public TimestampFilter withGranularity(Duration step) {
    return new TimestampFilter(parameter, inclusive, format, step);
  }
}
