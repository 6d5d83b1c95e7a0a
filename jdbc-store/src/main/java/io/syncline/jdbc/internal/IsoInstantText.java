package io.syncline.jdbc.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An instant as fixed-width ISO text in UTC with microseconds, {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'}:
 * how SQLite stores instants (the text compares in time order) and how PostgreSQL receives the
 * batch's {@code updated_at} array. Written by hand for years 0–9999: {@link DateTimeFormatter}
 * cost more per record than SQLite's insert and a tenth of PostgreSQL's page write (issue 11).
 * Thread-safe.
 */
final class IsoInstantText {
  private static final DateTimeFormatter FORMATTER =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private IsoInstantText() {}

  /**
   * Formats an instant; nanoseconds below the microsecond are dropped.
   *
   * @param instant the instant
   * @return its text, as {@code FORMATTER} would write it
   */
  static String format(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      return FORMATTER.format(instant);
    }
    char[] c = new char[27];
    digits(c, 0, year, 4);
    c[4] = '-';
    digits(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, t.getHour(), 2);
    c[13] = ':';
    digits(c, 14, t.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, t.getSecond(), 2);
    c[19] = '.';
    digits(c, 20, t.getNano() / 1000, 6);
    c[26] = 'Z';
    return new String(c);
  }

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
