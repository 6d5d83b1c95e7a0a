package io.syncline.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of records returned by a {@link RecordSource}, read whole: a source never returns a
 * page it did not read completely.
 *
 * @param records the records, in the requested order unless {@code sorted} is false
 * @param hasMore whether more pages follow
 * @param continuation the token to pass back in the next {@link PageRequest}, if the source uses one
 * @param total how many records the listing holds from this page on, this page's included, when
 *     the source tells (for a keyset request that is the API's count of matching records); the
 *     engine adds the records already committed to show progress and an ETA
 * @param sourceTime the source's clock when it answered (e.g. the HTTP {@code Date} header), if known
 * @param sorted false when the source cannot deliver records in the requested order; the engine
 *     then moves the cursor only at the end of the run
 */
public record Page(
    List<SourceRecord> records,
    boolean hasMore,
    Optional<String> continuation,
    OptionalLong total,
    Optional<Instant> sourceTime,
    boolean sorted) {

  /** Validates and copies the components. */
  public Page {
    records = List.copyOf(records);
    Objects.requireNonNull(continuation, "continuation");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(sourceTime, "sourceTime");
  }

  /**
   * A sorted page with no continuation token, total or source time.
   *
   * @param records the records
   * @param hasMore whether more pages follow
   * @return the page
   */
  public static Page of(List<SourceRecord> records, boolean hasMore) {
    return new Page(records, hasMore, Optional.empty(), OptionalLong.empty(), Optional.empty(), true);
  }

  /**
   * A copy with a total.
   *
   * @param count the listing's total
   * @return the page
   */
  public Page withTotal(long count) {
    return new Page(records, hasMore, continuation, OptionalLong.of(count), sourceTime, sorted);
  }

  /**
   * A copy with a continuation token.
   *
   * @param token the token
   * @return the page
   */
  public Page withContinuation(String token) {
    return new Page(records, hasMore, Optional.of(token), total, sourceTime, sorted);
  }

  /**
   * A copy with the source's time.
   *
   * @param time the source's clock
   * @return the page
   */
  public Page withSourceTime(Instant time) {
    return new Page(records, hasMore, continuation, total, Optional.of(time), sorted);
  }

  /**
   * A copy marked unsorted.
   *
   * @return the page
   */
  public Page unsorted() {
    return new Page(records, hasMore, continuation, total, sourceTime, false);
  }
}
