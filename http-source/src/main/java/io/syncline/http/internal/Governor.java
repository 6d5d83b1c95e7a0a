package io.syncline.http.internal;

import dev.failsafe.RateLimiter;
import io.syncline.http.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The state behind a {@link io.syncline.http.RateGovernor}. Thread-safe. Not API. */
public final class Governor {
  private final Optional<RateLimit> limit;
  private final Optional<RateLimiter<Object>> limiter;
  private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);

  /**
   * Creates the state.
   *
   * @param limit the client-side rate, if any
   */
  public Governor(Optional<RateLimit> limit) {
    this.limit = limit;
    this.limiter = limit.map(l -> RateLimiter.smoothBuilder(l.requests(), l.period()).build());
  }

  /**
   * Reserves the next request slot.
   *
   * @return how long the caller must wait before sending
   */
  Duration reservePermit() {
    return limiter.map(RateLimiter::reservePermit).orElse(Duration.ZERO);
  }

  /**
   * Pauses every request of this API until an instant (keeps the later pause).
   *
   * @param until the instant
   */
  void pauseUntil(Instant until) {
    pausedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** @return the instant before which no request may be sent */
  Instant pausedUntil() {
    return pausedUntil.get();
  }

  @Override
  public String toString() {
    return limit.map(l -> l.requests() + " requests per " + l.period()).orElse("no client-side rate");
  }
}
