package io.syncline.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move by hand: {@code clock.advance(Duration.ofHours(2))}. Thread-safe.
 */
public final class MutableClock extends Clock {
  private volatile Instant now;

  /**
   * Creates a clock standing at an instant.
   *
   * @param start the instant
   */
  public MutableClock(Instant start) {
    this.now = start;
  }

  /**
   * Creates a clock standing at 2026-11-28T10:00:00Z.
   *
   * @return the clock
   */
  public static MutableClock standard() {
    return new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  }

  /**
   * Moves the clock forward (or back, with a negative duration).
   *
   * @param d the step
   */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  /**
   * Sets the clock.
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
