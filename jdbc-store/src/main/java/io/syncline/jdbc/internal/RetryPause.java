package io.syncline.jdbc.internal;

import io.syncline.Sleeper;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the store waits before trying again: a page that lost a race with another writer, a
 * migration that lost a race with another instance. A random 5 to 25 × attempt milliseconds
 * (jitter keeps two racing writers from colliding again at once), waited on the store's one
 * injected {@link Sleeper}. Thread-safe.
 *
 * @param sleeper what waits
 */
public record RetryPause(Sleeper sleeper) {

  /**
   * Waits before the next attempt.
   *
   * @param attempt the attempt that just failed, from 1
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public void before(int attempt) throws InterruptedException {
    sleeper.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(5, 25L * attempt + 6)));
  }
}
