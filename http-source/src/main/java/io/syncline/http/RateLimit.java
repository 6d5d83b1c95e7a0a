package io.syncline.http;

import java.time.Duration;
import java.util.Objects;

/**
 * A client-side request rate: at most {@code requests} requests per {@code period}, spread evenly
 * (a smooth limiter, so bursts never exceed the vendor's quota). This is the most a
 * {@link RateGovernor} sends; an adaptive governor may go slower for a while after the server
 * throttles (see {@link RateGovernor.Builder}). Immutable and thread-safe.
 *
 * @param requests requests allowed per period, positive
 * @param period the period, positive
 */
public record RateLimit(long requests, Duration period) {

  /** Validates the components. */
  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (requests < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("rate limit needs a positive count and period: " + requests + "/" + period);
    }
  }

  /**
   * A rate in requests per second.
   *
   * @param requests requests per second
   * @return the rate
   */
  public static RateLimit perSecond(long requests) {
    return new RateLimit(requests, Duration.ofSeconds(1));
  }

  /**
   * A rate in requests per minute.
   *
   * @param requests requests per minute
   * @return the rate
   */
  public static RateLimit perMinute(long requests) {
    return new RateLimit(requests, Duration.ofMinutes(1));
  }
}
