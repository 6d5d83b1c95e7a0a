package io.syncline.http;

import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Sleeper} for tests: waits no real time, advances the test clock and records each wait. */
final class RecordingSleeper implements Sleeper {
  private final MutableClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  RecordingSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  /** @return the waits so far, in order (a live view) */
  List<Duration> sleeps() {
    return sleeps;
  }
}
