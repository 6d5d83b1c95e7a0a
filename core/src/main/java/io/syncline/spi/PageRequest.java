package io.syncline.spi;

import io.syncline.Cursor;
import io.syncline.DateRange;
import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.Validator;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine asks a {@link RecordSource} for: one page of a resource.
 *
 * <p>The order a source must deliver records in follows from {@link #order()}: by id for a
 * backfill, by ({@code updated_at}, id) for an incremental run of a timestamped resource. A
 * source that can page by keyset derives the request from {@link #after()} (the position after
 * the last record the engine received); a source that pages by number or token uses
 * {@link #continuation()}, which is exactly the token its previous page returned and carries
 * whatever the source needs (the engine persists it in backfill checkpoints).
 *
 * @param resource the resource
 * @param mode {@link SyncMode#BACKFILL} or {@link SyncMode#INCREMENTAL}
 * @param order the order the records must come in
 * @param after the position after the last record the engine received: read the records strictly
 *     after it (those at or before it that an inclusive filter returns may stay in the page: the
 *     engine drops them); empty means from the start
 * @param continuation the token the previous page of this run returned, empty on the first page
 * @param range the backfill's date range, if any
 * @param pageNumber the 1-based number of the page within this run (for messages and progress)
 * @param validator the validator the first page of the previous incremental pass returned, on
 *     the first page of an incremental pass only; a source may send it as a conditional request
 *     only when its request is identical to the one the validator came from
 *     ({@link Validator#requestKey()}), and then answers {@link Page#notModified(io.syncline.Traffic)}
 *     when the server says the listing has not changed
 */
public record PageRequest(
    Resource resource,
    SyncMode mode,
    Order order,
    Optional<Cursor> after,
    Optional<String> continuation,
    Optional<DateRange> range,
    long pageNumber,
    Optional<Validator> validator) {

  /** The order records are requested in. */
  public enum Order {
    /** Ascending by id, in {@link io.syncline.IdOrder}. */
    ID,
    /** Ascending by ({@code updated_at}, id). */
    UPDATED_AT_THEN_ID
  }

  /** Validates the components. */
  public PageRequest {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(continuation, "continuation");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(validator, "validator");
    if (mode == SyncMode.NONE) {
      throw new IllegalArgumentException("A page request is for a BACKFILL or INCREMENTAL run");
    }
    if (pageNumber < 1) {
      throw new IllegalArgumentException("pageNumber is 1-based: " + pageNumber);
    }
  }

  /**
   * A request without a validator.
   *
   * @param resource the resource
   * @param mode the mode
   * @param order the order
   * @param after the position
   * @param continuation the previous page's token
   * @param range the backfill's range
   * @param pageNumber the page's number
   */
  public PageRequest(Resource resource, SyncMode mode, Order order, Optional<Cursor> after,
      Optional<String> continuation, Optional<DateRange> range, long pageNumber) {
    this(resource, mode, order, after, continuation, range, pageNumber, Optional.empty());
  }

  /**
   * A copy carrying a validator.
   *
   * @param v the validator, or empty
   * @return the request
   */
  public PageRequest withValidator(Optional<Validator> v) {
    return new PageRequest(resource, mode, order, after, continuation, range, pageNumber, v);
  }

  /** @return the number of records wanted, the resource's page size */
  public int pageSize() {
    return resource.pageSize();
  }
}
