package io.syncline.examples.server;

import java.time.Clock;

/**
 * A fixed-window limit of requests per wall-clock second, as many APIs enforce it. Thread-safe.
 * It reads real time (not the data clock) because clients compare {@code X-RateLimit-Reset}
 * with their own clocks.
 */
final class RateLimiter {

  /**
   * The state of the window after a request.
   *
   * @param allowed whether the request may proceed
   * @param limit the requests allowed per window
   * @param remaining the requests left in the window
   * @param resetEpochSecond when the window ends, epoch seconds
   * @param retryAfterSeconds for a refused request, whole seconds to wait
   */
  record Decision(boolean allowed, int limit, int remaining, long resetEpochSecond, long retryAfterSeconds) {}

  private final int limit;
  private final Clock clock;
  private long window = Long.MIN_VALUE;
  private int used;

  RateLimiter(int limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
  }

  /** Counts a request against the window. */
  synchronized Decision acquire() {
    long now = clock.millis();
    roll(now);
    if (used >= limit) {
      long wait = Math.max(1, ((window + 1) * 1000 - now + 999) / 1000);
      return new Decision(false, limit, 0, window + 1, wait);
    }
    used++;
    return new Decision(true, limit, limit - used, window + 1, 0);
  }

  /** Reports the window without counting a request. */
  synchronized Decision peek() {
    roll(clock.millis());
    return new Decision(true, limit, Math.max(0, limit - used), window + 1, 0);
  }

  private void roll(long nowMillis) {
    long second = Math.floorDiv(nowMillis, 1000);
    if (second != window) {
      window = second;
      used = 0;
    }
  }
}
