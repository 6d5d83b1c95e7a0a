package io.syncline.examples.server;

/**
 * What a {@link FieldServiceServer} has served on its {@code /v1} API since it started (admin
 * endpoints are not counted). Each answer is counted before it is sent, so a client that has its
 * response reads counters that include it.
 *
 * @param requests requests received on {@code /v1}, whatever their answer
 * @param records records sent in {@code 200} listings
 * @param bytes response body bytes written
 * @param rateLimited requests answered {@code 429}
 * @param faults requests answered with an injected failure (error status or cut body)
 * @param notModified requests answered {@code 304 Not Modified} (not counted against the rate limit)
 */
public record ServerStats(long requests, long records, long bytes, long rateLimited, long faults, long notModified) {

  /**
   * The difference between two readings, e.g. what one sync cost.
   *
   * @param earlier an earlier reading of the same server
   * @return this reading minus the earlier one
   */
  public ServerStats minus(ServerStats earlier) {
    return new ServerStats(requests - earlier.requests, records - earlier.records, bytes - earlier.bytes,
        rateLimited - earlier.rateLimited, faults - earlier.faults, notModified - earlier.notModified);
  }
}
