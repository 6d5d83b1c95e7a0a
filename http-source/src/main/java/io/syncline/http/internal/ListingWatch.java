package io.syncline.http.internal;

import io.syncline.IdOrder;
import io.syncline.spi.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Watches a listing read by position (page numbers, offsets, tokens, URLs, the {@code Link}
 * header) without a keyset for signs that it moved under the run, page by page:
 *
 * <ul>
 *   <li>offsets: every page after the first is asked for one record early, and that record must
 *       be the last one of the previous page (or, in id order, one before it): a record that
 *       moved left across the page boundary (a deletion or an edit before the position) shows as
 *       another record there, or none;
 *   <li>other positional styles: the listing's total differs from the total of the lap's first page;
 *   <li>a listing in its own order (no sort parameter sent): a record stamped after the lap's
 *       start less a second (the coarsest stamp APIs use) may have been edited or created while
 *       the lap ran, and may have moved; a new lap of such a listing first waits that second out,
 *       so that records edited before it began do not count as edited during it.
 * </ul>
 *
 * <p>A page that shows movement still delivers its records, marked unsorted; the listing then
 * starts a new lap from its first page, whose pages are unsorted too, so the engine neither drops
 * re-read records as overlap nor moves the cursor before the run ends. A lap that ends without
 * movement ends the listing. After {@link #MAX_LAPS} laps that all moved, the run fails. The
 * lap's state travels in the continuation token, so this class is stateless. Not API.
 */
final class ListingWatch {
  /** Laps read before a listing that keeps moving fails the run. */
  static final int MAX_LAPS = 3;
  /** The continuation kind that starts a new lap; its {@code next} is the lap's number. */
  static final String NEW_LAP = "lap";
  /** A stamp later than the lap's start less this counts as made during the lap. */
  static final Duration STAMP_MARGIN = Duration.ofSeconds(1);

  private ListingWatch() {}

  /**
   * One lap's state.
   *
   * @param number the lap's 1-based number
   * @param start when its first page was asked for, on the source's clock
   * @param firstTotal the total its first page reported, if any
   * @param anchor the id of the last record of the previous page, if any
   */
  record Lap(int number, Instant start, OptionalLong firstTotal, Optional<String> anchor) {

    Map<String, Object> encode() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("n", number);
      m.put("t", start.toString());
      firstTotal.ifPresent(t -> m.put("c", t));
      anchor.ifPresent(a -> m.put("a", a));
      return m;
    }

    static Optional<Lap> decode(Object o) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("n") instanceof Number n) || !(m.get("t") instanceof String t)) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Lap(n.intValue(), Instant.parse(t),
            m.get("c") instanceof Number c ? OptionalLong.of(c.longValue()) : OptionalLong.empty(),
            m.get("a") instanceof String a ? Optional.of(a) : Optional.empty()));
      } catch (java.time.format.DateTimeParseException e) {
        return Optional.empty();
      }
    }

    /** @return the state for the lap's next page, anchored at the last record of this one */
    Lap next(List<SourceRecord> pageRecords) {
      return new Lap(number, start, firstTotal,
          pageRecords.isEmpty() ? anchor : Optional.of(pageRecords.get(pageRecords.size() - 1).id()));
    }
  }

  /**
   * Checks the record asked for one early at an offset.
   *
   * @param records the page's records, the overlap first
   * @param anchor the id of the previous page's last record
   * @param offset the offset the page would have started at
   * @return why the listing moved, or empty
   */
  static Optional<String> overlap(List<SourceRecord> records, String anchor, long offset) {
    if (records.isEmpty()) {
      return Optional.of("no record is left before offset " + offset + ", where id " + anchor + " was");
    }
    String first = records.get(0).id();
    if (first.equals(anchor) || IdOrder.INSTANCE.compare(first, anchor) < 0) {
      return Optional.empty(); // in place, or shifted right: nothing passed the position
    }
    return Optional.of("the record before offset " + offset + " is id " + first + ", no longer id " + anchor);
  }

  /**
   * Checks a page's total against the lap's first.
   *
   * @param lap the lap
   * @param total the page's total
   * @return why the listing moved, or empty
   */
  static Optional<String> total(Lap lap, OptionalLong total) {
    if (lap.firstTotal().isPresent() && total.isPresent() && lap.firstTotal().getAsLong() != total.getAsLong()) {
      return Optional.of("its total went from " + lap.firstTotal().getAsLong() + " to " + total.getAsLong());
    }
    return Optional.empty();
  }

  /**
   * Looks for records stamped while the lap ran.
   *
   * @param lap the lap
   * @param records the page's records
   * @return why the listing may have moved, or empty
   */
  static Optional<String> stamps(Lap lap, List<SourceRecord> records) {
    Instant since = lap.start().minus(STAMP_MARGIN);
    for (SourceRecord r : records) {
      if (r.updatedAt().isPresent() && r.updatedAt().get().isAfter(since)) {
        return Optional.of("record " + r.id() + " was stamped " + r.updatedAt().get() + ", after the lap started at "
            + lap.start());
      }
    }
    return Optional.empty();
  }
}
