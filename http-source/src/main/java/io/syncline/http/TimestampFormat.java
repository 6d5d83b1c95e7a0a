package io.syncline.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How an API writes instants: in query parameters (the timestamp filter) and in records (the
 * cursor field). Implementations must be immutable and thread-safe; use the factories.
 */
public interface TimestampFormat {

  /**
   * Writes an instant for a query parameter.
   *
   * @param instant the instant, already truncated to the filter's granularity
   * @return the text sent to the API
   */
  String format(Instant instant);

  /**
   * Reads an instant from a record field.
   *
   * @param text the field's text (a JSON string's content, or a JSON number's digits)
   * @return the instant
   * @throws IllegalArgumentException when the text is not in this format
   */
  Instant parse(String text);

  /**
   * ISO-8601 in UTC with exactly three fraction digits, such as {@code 2026-11-28T10:00:00.123Z};
   * reads any ISO-8601 instant or offset date-time. The field-service API's format, and the default.
   *
   * @return the format
   */
  static TimestampFormat iso8601Millis() {
    return Iso8601.MILLIS;
  }

  /**
   * Epoch seconds, such as {@code 1795860000}; reads integral or fractional seconds.
   *
   * @return the format
   */
  static TimestampFormat epochSeconds() {
    return Epoch.SECONDS;
  }

  /**
   * Epoch milliseconds, such as {@code 1795860000123}.
   *
   * @return the format
   */
  static TimestampFormat epochMillis() {
    return Epoch.MILLIS;
  }

  /** ISO-8601 instants; use {@link #iso8601Millis()}. */
  enum Iso8601 implements TimestampFormat {
    /** Three fraction digits. */
    MILLIS;

    private static final DateTimeFormatter OUT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String format(Instant instant) {
      return OUT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public Instant parse(String text) {
      Objects.requireNonNull(text, "text");
      Instant common = io.syncline.http.internal.IsoInstantParser.parse(text);
      if (common != null) {
        return common;
      }
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e2) {
          throw new IllegalArgumentException("not an ISO-8601 instant: '" + clip(text) + "'", e2);
        }
      }
    }
  }

  /** Numbers since the epoch; use {@link #epochSeconds()} or {@link #epochMillis()}. */
  enum Epoch implements TimestampFormat {
    /** Seconds. */
    SECONDS,
    /** Milliseconds. */
    MILLIS;

    @Override
    public String format(Instant instant) {
      return this == SECONDS ? Long.toString(instant.getEpochSecond()) : Long.toString(instant.toEpochMilli());
    }

    @Override
    public Instant parse(String text) {
      try {
        java.math.BigDecimal n = new java.math.BigDecimal(text.trim());
        java.math.BigDecimal nanos = this == SECONDS ? n.movePointRight(9) : n.movePointRight(6);
        long total = nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
        return Instant.ofEpochSecond(Math.floorDiv(total, 1_000_000_000L), Math.floorMod(total, 1_000_000_000L));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("not an epoch " + name().toLowerCase(java.util.Locale.ROOT)
            + " value: '" + clip(text) + "'", e);
      }
    }
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
