package io.syncline;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A position in a resource's record order: the records wanted are those strictly after it.
 *
 * <p>{@link Timestamped} positions order records by ({@code updated_at}, {@code id}); a
 * timestamped position without an id stands before every record of its instant, so it selects
 * the records with {@code updated_at >= instant}. {@link IdOnly} positions order by id alone.
 * Values are immutable and thread-safe.
 */
public sealed interface Cursor permits Cursor.Timestamped, Cursor.IdOnly {

  /**
   * A position after the record ({@code updatedAt}, {@code id}); with no id, the position just
   * before every record whose {@code updated_at} is {@code updatedAt}.
   *
   * @param updatedAt the timestamp
   * @param id the record id that breaks ties within the timestamp, if any
   */
  record Timestamped(Instant updatedAt, Optional<String> id) implements Cursor {
    /** Validates the components. */
    public Timestamped {
      Objects.requireNonNull(updatedAt, "updatedAt");
      Objects.requireNonNull(id, "id");
    }

    /**
     * The position after a record.
     *
     * @param updatedAt the record's timestamp
     * @param id the record's id
     * @return the position
     */
    public static Timestamped after(Instant updatedAt, String id) {
      return new Timestamped(updatedAt, Optional.of(id));
    }

    /**
     * The position before every record at or after an instant.
     *
     * @param updatedAt the instant
     * @return the position
     */
    public static Timestamped atOrAfter(Instant updatedAt) {
      return new Timestamped(updatedAt, Optional.empty());
    }

    /**
     * The smallest timestamp at or past this position, expressed for an API whose timestamp
     * filter is inclusive: a position inside an instant's run needs that instant.
     *
     * @return the inclusive lower bound of {@code updated_at}
     */
    public Instant inclusiveLowerBound() {
      return updatedAt;
    }

    /**
     * The first timestamp strictly after this position's instant at the given granularity: an
     * API that offers only an inclusive {@code updated_since} with millisecond timestamps says
     * "after t" as {@code t + 1 ms}.
     *
     * @param granularity the smallest step the API's timestamps take, e.g. one millisecond
     * @return {@code updatedAt + granularity}
     */
    public Instant nextInstant(Duration granularity) {
      return updatedAt.plus(granularity);
    }

    /**
     * Tells whether a record lies strictly after this position.
     *
     * @param recordUpdatedAt the record's timestamp
     * @param recordId the record's id
     * @return true when the record is after the position
     */
    public boolean isBefore(Instant recordUpdatedAt, String recordId) {
      int byTime = recordUpdatedAt.compareTo(updatedAt);
      if (byTime != 0) {
        return byTime > 0;
      }
      return id.isEmpty() || IdOrder.INSTANCE.compare(recordId, id.get()) > 0;
    }

    @Override
    public String encode() {
      return "ts:" + updatedAt + id.map(i -> "|id:" + i).orElse("");
    }
  }

  /**
   * A position after the record with the given id, in {@link IdOrder}.
   *
   * @param id the last id read
   */
  record IdOnly(String id) implements Cursor {
    /** Validates the id. */
    public IdOnly {
      Objects.requireNonNull(id, "id");
    }

    /**
     * Tells whether a record lies strictly after this position.
     *
     * @param recordId the record's id
     * @return true when {@code recordId > id}
     */
    public boolean isBefore(String recordId) {
      return IdOrder.INSTANCE.compare(recordId, id) > 0;
    }

    @Override
    public String encode() {
      return "id:" + id;
    }
  }

  /**
   * A stable text form of this position, read back by {@link #decode(String)}; stores persist it.
   *
   * @return the encoded position
   */
  String encode();

  /**
   * Reads a position written by {@link #encode()}.
   *
   * @param text the encoded position
   * @return the position
   * @throws IllegalArgumentException when the text is not an encoded cursor
   */
  static Cursor decode(String text) {
    Objects.requireNonNull(text, "text");
    try {
      if (text.startsWith("ts:")) {
        int bar = text.indexOf("|id:");
        if (bar < 0) {
          return Timestamped.atOrAfter(Instant.parse(text.substring(3)));
        }
        return Timestamped.after(Instant.parse(text.substring(3, bar)), text.substring(bar + 4));
      }
      if (text.startsWith("id:")) {
        return new IdOnly(text.substring(3));
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Not an encoded cursor: '" + text + "'", e);
    }
    throw new IllegalArgumentException(
        "Not an encoded cursor: '" + text + "' (expected 'ts:<instant>[|id:<id>]' or 'id:<id>')");
  }

  /**
   * The order of positions of one kind: timestamped by (instant, id) with a missing id first,
   * id-only by {@link IdOrder}. Positions of different kinds are not comparable.
   *
   * @return the comparator
   */
  static Comparator<Cursor> order() {
    return (a, b) -> {
      if (a instanceof Timestamped ta && b instanceof Timestamped tb) {
        int byTime = ta.updatedAt().compareTo(tb.updatedAt());
        if (byTime != 0) {
          return byTime;
        }
        if (ta.id().isEmpty() || tb.id().isEmpty()) {
          return Boolean.compare(ta.id().isPresent(), tb.id().isPresent());
        }
        return IdOrder.INSTANCE.compare(ta.id().get(), tb.id().get());
      }
      if (a instanceof IdOnly ia && b instanceof IdOnly ib) {
        return IdOrder.INSTANCE.compare(ia.id(), ib.id());
      }
      throw new IllegalArgumentException("Cannot compare cursors of different kinds: " + a + ", " + b);
    };
  }

  /**
   * The later of two positions of one kind; either may be absent.
   *
   * @param a a position
   * @param b another position
   * @return the later one, or the one present
   */
  static Optional<Cursor> max(Optional<Cursor> a, Optional<Cursor> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return order().compare(a.get(), b.get()) >= 0 ? a : b;
  }
}
