package io.syncline.spi;

import io.syncline.Traffic;
import io.syncline.Validator;
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
 *     the source tells (for a keyset request that is the API's count of matching records, an
 *     inclusive filter's overlap included); the engine takes off the overlap it drops from this
 *     page and adds the records already committed to show progress and an ETA
 * @param sourceTime the source's clock when it answered (e.g. the HTTP {@code Date} header), if known
 * @param sorted false when the source cannot deliver records in the requested order; the engine
 *     then moves the cursor only at the end of the run
 * @param traffic what fetching this page cost (requests, {@code 304}s, bytes), {@link Traffic#NONE}
 *     for a source that does not count
 * @param validator a validator for the request of this page when it is the first page of an
 *     incremental pass and the whole listing fitted in it (see {@link PageRequest#validator()})
 * @param notModified true when the source answered a conditional request "not modified": the
 *     listing is exactly as when the request's validator was obtained, the page holds no records
 *     and {@code hasMore} is false
 * @param rejected records of this page the source set aside instead of returning them, for a
 *     resource that opted in with {@link io.syncline.InvalidRecords#SET_ASIDE}; the engine stores
 *     them with the page, in its transaction. A source never sets records aside for a resource
 *     that did not opt in: it fails the page instead
 */
public record Page(
    List<SourceRecord> records,
    boolean hasMore,
    Optional<String> continuation,
    OptionalLong total,
    Optional<Instant> sourceTime,
    boolean sorted,
    Traffic traffic,
    Optional<Validator> validator,
    boolean notModified,
    List<RejectedRecord> rejected) {

  /** Validates and copies the components. */
  public Page {
    records = List.copyOf(records);
    rejected = List.copyOf(rejected);
    Objects.requireNonNull(continuation, "continuation");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(sourceTime, "sourceTime");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(validator, "validator");
    if (notModified && (!records.isEmpty() || hasMore || !rejected.isEmpty())) {
      throw new IllegalArgumentException("a not-modified page holds no records and has no more pages");
    }
  }

  /**
   * A page without records set aside.
   *
   * @param records the records
   * @param hasMore whether more pages follow
   * @param continuation the next token
   * @param total the listing's total from this page on
   * @param sourceTime the source's clock
   * @param sorted whether the records come in the requested order
   * @param traffic what fetching the page cost
   * @param validator a validator for the page's request
   * @param notModified whether the source answered "not modified"
   */
  public Page(List<SourceRecord> records, boolean hasMore, Optional<String> continuation, OptionalLong total,
      Optional<Instant> sourceTime, boolean sorted, Traffic traffic, Optional<Validator> validator,
      boolean notModified) {
    this(records, hasMore, continuation, total, sourceTime, sorted, traffic, validator, notModified, List.of());
  }

  /**
   * A page without traffic counts, validator or not-modified flag.
   *
   * @param records the records
   * @param hasMore whether more pages follow
   * @param continuation the next token
   * @param total the listing's total from this page on
   * @param sourceTime the source's clock
   * @param sorted whether the records come in the requested order
   */
  public Page(List<SourceRecord> records, boolean hasMore, Optional<String> continuation, OptionalLong total,
      Optional<Instant> sourceTime, boolean sorted) {
    this(records, hasMore, continuation, total, sourceTime, sorted, Traffic.NONE, Optional.empty(), false);
  }

  /**
   * The answer to a conditional request that the listing has not changed: no records, no more
   * pages.
   *
   * @param traffic what asking cost (typically {@link Traffic#ofNotModified()})
   * @return the page
   */
  public static Page notModified(Traffic traffic) {
    return new Page(List.of(), false, Optional.empty(), OptionalLong.empty(), Optional.empty(), true, traffic,
        Optional.empty(), true);
  }

  /**
   * A copy with traffic counts.
   *
   * @param t what fetching the page cost
   * @return the page
   */
  public Page withTraffic(Traffic t) {
    return new Page(records, hasMore, continuation, total, sourceTime, sorted, t, validator, notModified, rejected);
  }

  /**
   * A copy with a validator for the page's request.
   *
   * @param v the validator
   * @return the page
   */
  public Page withValidator(Validator v) {
    return new Page(records, hasMore, continuation, total, sourceTime, sorted, traffic, Optional.of(v),
        notModified, rejected);
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
    return new Page(records, hasMore, continuation, OptionalLong.of(count), sourceTime, sorted, traffic, validator,
        notModified, rejected);
  }

  /**
   * A copy with a continuation token.
   *
   * @param token the token
   * @return the page
   */
  public Page withContinuation(String token) {
    return new Page(records, hasMore, Optional.of(token), total, sourceTime, sorted, traffic, validator,
        notModified, rejected);
  }

  /**
   * A copy with the source's time.
   *
   * @param time the source's clock
   * @return the page
   */
  public Page withSourceTime(Instant time) {
    return new Page(records, hasMore, continuation, total, Optional.of(time), sorted, traffic, validator,
        notModified, rejected);
  }

  /**
   * A copy with records set aside (see {@link #rejected()}).
   *
   * @param aside the records set aside
   * @return the page
   */
  public Page withRejected(List<RejectedRecord> aside) {
    return new Page(records, hasMore, continuation, total, sourceTime, sorted, traffic, validator, notModified,
        aside);
  }

  /**
   * A copy marked unsorted.
   *
   * @return the page
   */
  public Page unsorted() {
    return new Page(records, hasMore, continuation, total, sourceTime, false, traffic, validator,
        notModified, rejected);
  }
}
