package io.syncline;

import java.time.Duration;

/**
 * Waits, e.g. between looks at a lease held elsewhere. Tests inject one that advances a fake clock
 * instead of sleeping. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for a duration.
   *
   * @param duration how long; zero or negative returns at once
   * @throws InterruptedException when the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The real thing: {@link Thread#sleep(long, int)}.
   *
   * @return a sleeper that blocks the calling thread
   */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
      }
    };
  }
}
