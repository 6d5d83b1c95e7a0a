package io.syncline.jdbc.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the store waits before trying again: a page that lost a race with another writer, a
 * migration that lost a race with another instance. One instance per store, injected so that
 * tests need not sleep. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RetryPause {

  /**
   * Waits before the given attempt.
   *
   * @param attempt the attempt that just failed, from 1
   * @throws InterruptedException when the waiting thread is interrupted
   */
  void before(int attempt) throws InterruptedException;

  /**
   * The default: {@link Thread#sleep} for a random 5 to 25 × attempt milliseconds (jitter keeps two
   * racing writers from colliding again at once).
   *
   * @return the pause
   */
  static RetryPause jittered() {
    return attempt -> {
      Duration d = Duration.ofMillis(ThreadLocalRandom.current().nextLong(5, 25L * attempt + 6));
      Thread.sleep(d.toMillis());
    };
  }
}
