package io.syncline.spi;

/**
 * Where records come from: a remote API, one page at a time.
 *
 * <p>Implementations must be thread-safe: the engine may fetch the next page of one resource
 * while it writes the current one, and sync several resources at once. A source handles its own
 * retries and rate limits; what it throws is final for this run. It reports bad input (a
 * malformed body, a record without an id) with {@link io.syncline.InvalidRecordException}, and
 * any other failure with a {@link RuntimeException} whose message names the resource and never
 * contains a secret.
 */
public interface RecordSource {

  /**
   * Fetches one page.
   *
   * @param request what to fetch
   * @return the page, read whole
   */
  Page fetch(PageRequest request);

  /**
   * Tells whether the source has a deletion feed for a resource: pages of deleted ids with their
   * deletion times, read by {@link #fetchDeletions}. Default: none.
   *
   * @param resource the resource
   * @return true when {@link #fetchDeletions} serves it
   */
  default boolean hasDeletionFeed(io.syncline.Resource resource) {
    return false;
  }

  /**
   * Fetches one page of a resource's deletion feed, ordered by deletion time then id: each
   * record's id is a deleted record's id and its {@link SourceRecord#updatedAt()} the deletion
   * time; {@link PageRequest#after()} is the feed's own cursor. Only called when
   * {@link #hasDeletionFeed} is true.
   *
   * @param request what to fetch
   * @return the page, read whole
   * @throws UnsupportedOperationException when the source has no deletion feed (the default)
   */
  default Page fetchDeletions(PageRequest request) {
    throw new UnsupportedOperationException("no deletion feed for " + request.resource().name());
  }

  /**
   * Fetches one page of a resource's ids for an id sweep, in id order, using the lightest listing
   * the source offers (for an HTTP API, e.g. {@code fields=id}); records may hold the id only.
   * Default: the ordinary listing, {@link #fetch}.
   *
   * @param request what to fetch (order {@link PageRequest.Order#ID})
   * @return the page, read whole
   */
  default Page fetchIds(PageRequest request) {
    return fetch(request);
  }
}
