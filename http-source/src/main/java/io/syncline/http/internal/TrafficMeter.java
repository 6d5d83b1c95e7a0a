package io.syncline.http.internal;

import io.syncline.Traffic;

/**
 * Counts what fetching one page costs: every request sent (retries and redirect hops included),
 * {@code 304} answers, body bytes received and body bytes decoded for parsing. One meter per
 * page fetch, used by the thread fetching it. Not API.
 */
final class TrafficMeter {
  private long requests;
  private long notModified;
  private long wireBytes;
  private long decodedBytes;

  /** Counts a response to one request. */
  void response(int status, long bodyBytes) {
    requests++;
    if (status == 304) {
      notModified++;
    }
    wireBytes += bodyBytes;
  }

  /** Counts a request that got no response (connection failed, timed out). */
  void unanswered() {
    requests++;
  }

  /** Counts a body decoded for parsing. */
  void decoded(long bytes) {
    decodedBytes += bytes;
  }

  /** @return the counts so far */
  Traffic traffic() {
    return new Traffic(requests, notModified, wireBytes, decodedBytes);
  }
}
