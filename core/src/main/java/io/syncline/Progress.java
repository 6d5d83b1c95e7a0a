package io.syncline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a run has come, published after every committed page.
 *
 * @param resource the resource's name
 * @param mode the run's mode
 * @param pages pages committed in this run (a resumed backfill counts the pages before the stop)
 * @param records records committed in this run (likewise)
 * @param elapsed time since this run started
 * @param total the number of records the source announced, when it tells
 * @param traffic what this run's fetching cost so far (pages before a resumed backfill's stop are
 *     not counted)
 * @param pageTraffic what fetching the page just committed cost
 */
public record Progress(String resource, SyncMode mode, long pages, long records, Duration elapsed, OptionalLong total,
    Traffic traffic, Traffic pageTraffic) {

  /** Validates the components. */
  public Progress {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(pageTraffic, "pageTraffic");
  }

  /**
   * Progress without traffic counts.
   *
   * @param resource the resource's name
   * @param mode the mode
   * @param pages pages committed
   * @param records records committed
   * @param elapsed time since the start
   * @param total the announced total
   */
  public Progress(String resource, SyncMode mode, long pages, long records, Duration elapsed, OptionalLong total) {
    this(resource, mode, pages, records, elapsed, total, Traffic.NONE, Traffic.NONE);
  }

  /** @return records per second since the run started */
  public double recordsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : records / seconds;
  }

  /** @return the estimated time left, when the total is known and records are flowing */
  public Optional<Duration> eta() {
    double rate = recordsPerSecond();
    if (total.isEmpty() || rate <= 0) {
      return Optional.empty();
    }
    long left = Math.max(0, total.getAsLong() - records);
    return Optional.of(Duration.ofMillis((long) (left / rate * 1000)));
  }

  /** @return the fraction done in [0, 1], when the total is known */
  public Optional<Double> fraction() {
    if (total.isEmpty() || total.getAsLong() <= 0) {
      return Optional.empty();
    }
    return Optional.of(Math.min(1.0, (double) records / total.getAsLong()));
  }
}
