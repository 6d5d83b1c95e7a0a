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
}
