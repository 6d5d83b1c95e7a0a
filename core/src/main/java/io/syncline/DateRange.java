package io.syncline;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An inclusive range of dates that limits a backfill, open at either end. The source decides
 * which field it applies to (the field-service API applies it to {@code created_at}).
 *
 * @param from the first date included, if bounded below
 * @param to the last date included, if bounded above
 */
public record DateRange(Optional<LocalDate> from, Optional<LocalDate> to) {

  /** Validates that the range is not empty. */
  public DateRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new IllegalArgumentException(
          "Date range is empty: from " + from.get() + " is after to " + to.get()
              + "; swap the dates");
    }
  }

  /**
   * The dates from {@code from} through {@code to}, both included.
   *
   * @param from the first date
   * @param to the last date
   * @return the range
   */
  public static DateRange between(LocalDate from, LocalDate to) {
    return new DateRange(Optional.of(from), Optional.of(to));
  }

  /**
   * The dates from {@code from} on.
   *
   * @param from the first date
   * @return the range
   */
  public static DateRange startingAt(LocalDate from) {
    return new DateRange(Optional.of(from), Optional.empty());
  }

  /**
   * The dates through {@code to}.
   *
   * @param to the last date
   * @return the range
   */
  public static DateRange endingAt(LocalDate to) {
    return new DateRange(Optional.empty(), Optional.of(to));
  }

  /**
   * Tells whether a date lies in the range.
   *
   * @param date the date
   * @return true when inside
   */
  public boolean contains(LocalDate date) {
    return from.map(f -> !date.isBefore(f)).orElse(true) && to.map(t -> !date.isAfter(t)).orElse(true);
  }

  @Override
  public String toString() {
    return from.map(LocalDate::toString).orElse("") + ".." + to.map(LocalDate::toString).orElse("");
  }

  /**
   * Reads the form written by {@link #toString()}: {@code 2026-01-01..2026-01-31}, either side
   * may be empty.
   *
   * @param text the text
   * @return the range
   */
  public static DateRange parse(String text) {
    int dots = text.indexOf("..");
    if (dots < 0) {
      throw new IllegalArgumentException("Not a date range: '" + text + "' (expected FROM..TO)");
    }
    String f = text.substring(0, dots);
    String t = text.substring(dots + 2);
    return new DateRange(
        f.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(f)),
        t.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(t)));
  }
}
