package io.syncline.jdbc.internal;

import io.syncline.jdbc.JdbcStoreException;
import io.syncline.Sleeper;
import io.syncline.jdbc.StoreRetryEvent;
import io.syncline.jdbc.StoreRetryListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Rides out database outages: runs a store operation and, while it fails transiently
 * ({@link JdbcStoreException#isTransient()}), runs it again after a backoff (0.1 s doubling to a
 * 5 s cap, each wait drawn between half and all of it) until it succeeds or the outage outlasts
 * the budget. Every attempt is a whole operation on a connection of its own, so a page is written
 * again from scratch (the writes are idempotent) and never on the connection that broke.
 *
 * <p>The budget belongs to the outage, not to one operation: it runs from the first transient
 * failure of any operation of the store until the first success. Once it is spent, an operation
 * that fails transiently tries for 2 s more (at most the budget), no longer, so that a run's
 * clean-up (recording the failure, releasing the lease) does not wait for another budget each,
 * while a pool that is slow to reconnect once the database is back does not fail it either.
 *
 * <p>Thread-safe. Not API.
 */
public final class OutageRetry {
  static final Duration FIRST_DELAY = Duration.ofMillis(100);
  static final Duration MAX_DELAY = Duration.ofSeconds(5);
  /** How long an operation that starts failing after the budget was spent still tries (a pool may lag). */
  static final Duration PROBE = Duration.ofSeconds(2);

  private final Duration budget;
  private final Clock clock;
  private final Sleeper sleeper;
  private final StoreRetryListener listener;
  private final Object lock = new Object();
  private Instant outageSince; // guarded by lock

  /**
   * @param budget how long an outage may last before operations fail; zero never retries
   * @param clock what measures the outage
   * @param sleeper how to wait between attempts
   * @param listener who hears of retries
   */
  public OutageRetry(Duration budget, Clock clock, Sleeper sleeper, StoreRetryListener listener) {
    this.budget = Objects.requireNonNull(budget, "budget");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** @return the budget */
  public Duration budget() {
    return budget;
  }

  /**
   * Runs an operation, retrying transient failures within the budget.
   *
   * @param resource the resource concerned, or null
   * @param operation what is being done, for events and messages (no record data)
   * @param attempt one attempt of the operation; fails with {@link JdbcStoreException}
   * @param <T> the result's type
   * @return the first successful attempt's result
   * @throws JdbcStoreException a permanent failure at once, a transient one once the outage
   *     outlasted the budget (its message says so), or when interrupted while waiting
   */
  public <T> T call(String resource, String operation, Supplier<T> attempt) {
    Duration delay = FIRST_DELAY;
    JdbcStoreException last = null;
    Instant deadline = null;
    for (int n = 1; ; n++) {
      try {
        T result = attempt.get();
        if (last != null) {
          publish(StoreRetryEvent.Kind.RECOVERED, resource, operation, n, last, outageUntilNow(), Duration.ZERO);
        }
        ended();
        return result;
      } catch (JdbcStoreException e) {
        if (!e.isTransient() || budget.isZero()) {
          throw e;
        }
        last = e;
        Instant now = clock.instant();
        Instant since = began(now);
        Duration outage = Duration.between(since, now);
        if (deadline == null) {
          Instant probe = now.plus(PROBE.compareTo(budget) < 0 ? PROBE : budget);
          deadline = since.plus(budget).isAfter(probe) ? since.plus(budget) : probe;
        }
        Duration remaining = Duration.between(now, deadline);
        if (remaining.isNegative() || remaining.isZero()) {
          publish(StoreRetryEvent.Kind.GAVE_UP, resource, operation, n, e, outage, Duration.ZERO);
          throw new JdbcStoreException(resource, withoutResource(resource, e.getMessage())
              + "; the database has been unavailable for " + seconds(outage) + " (" + n
              + (n == 1 ? " attempt" : " attempts") + " here), longer than the retry budget of " + seconds(budget)
              + "; data committed before this page and the last checkpoint are intact", e);
        }
        Duration wait = jittered(delay);
        if (wait.compareTo(remaining) > 0) {
          wait = remaining;
        }
        publish(StoreRetryEvent.Kind.RETRYING, resource, operation, n, e, outage, wait);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new JdbcStoreException(resource, withoutResource(resource, e.getMessage())
              + "; interrupted while waiting for the database to come back", e);
        }
        delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
      }
    }
  }

  private Instant began(Instant now) {
    synchronized (lock) {
      if (outageSince == null) {
        outageSince = now;
      }
      return outageSince;
    }
  }

  private void ended() {
    synchronized (lock) {
      outageSince = null;
    }
  }

  private Duration outageUntilNow() {
    Instant now = clock.instant();
    synchronized (lock) {
      return outageSince == null ? Duration.ZERO : Duration.between(outageSince, now);
    }
  }

  private static Duration jittered(Duration delay) {
    long nanos = delay.toNanos();
    return Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
  }

  private void publish(StoreRetryEvent.Kind kind, String resource, String operation, int attempt,
      JdbcStoreException failure, Duration outage, Duration delay) {
    try {
      listener.onEvent(new StoreRetryEvent(kind, Optional.ofNullable(resource), operation, attempt,
          failure.sqlState(), withoutResource(resource, failure.getMessage()), outage, delay, budget));
    } catch (RuntimeException | StackOverflowError ignored) {
      // A failing listener never breaks a store operation.
    }
  }

  private static String withoutResource(String resource, String message) {
    String prefix = "Resource '" + resource + "': ";
    return resource != null && message != null && message.startsWith(prefix) ? message.substring(prefix.length())
        : String.valueOf(message);
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
