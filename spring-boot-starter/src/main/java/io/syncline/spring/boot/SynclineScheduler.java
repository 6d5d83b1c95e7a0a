package io.syncline.spring.boot;

import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongUnaryOperator;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link SyncEngine#syncAll()} periodically on one daemon thread of its own: after an initial
 * delay, then {@code interval} after each round ends, each wait lengthened by a random share of
 * {@code jitter} so that instances started together spread out. Each resource is synced only when
 * the freshness policy says so, and never by two instances at once (the engine's leases), so it
 * is safe to run on every instance of a service. A round's failures are kept in the store's state
 * (see the health indicator); the schedule goes on.
 *
 * <p>Started and stopped with the Spring context: {@link #stop()} interrupts a round in progress
 * (its committed pages and checkpoint are kept; the next start continues) and waits up to 30 s for
 * it to end. Thread-safe.
 */
public final class SynclineScheduler implements SmartLifecycle {
  private final SyncEngine engine;
  private final Duration interval;
  private final Duration initialDelay;
  private final Duration jitter;
  private final LongUnaryOperator random;
  private final AtomicLong rounds = new AtomicLong();
  private final AtomicReference<List<SyncResult>> lastRound = new AtomicReference<>(List.of());
  private ScheduledExecutorService executor;

  /**
   * Creates a scheduler.
   *
   * @param engine the engine
   * @param interval the wait between the end of one round and the start of the next, positive
   * @param initialDelay the wait before the first round, zero or positive
   * @param jitter the most random extra wait, zero or positive
   */
  public SynclineScheduler(SyncEngine engine, Duration interval, Duration initialDelay, Duration jitter) {
    this(engine, interval, initialDelay, jitter, bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound));
  }

  /**
   * Creates a scheduler with a given source of randomness (tests).
   *
   * @param engine the engine
   * @param interval the wait between rounds
   * @param initialDelay the wait before the first round
   * @param jitter the most random extra wait
   * @param random returns a number in {@code [0, bound)} for a positive bound
   */
  public SynclineScheduler(SyncEngine engine, Duration interval, Duration initialDelay, Duration jitter,
      LongUnaryOperator random) {
    this.engine = Objects.requireNonNull(engine, "engine");
    if (interval == null || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("syncline.schedule.interval must be positive: " + interval);
    }
    if (initialDelay == null || initialDelay.isNegative()) {
      throw new IllegalArgumentException("syncline.schedule.initial-delay must not be negative: " + initialDelay);
    }
    if (jitter == null || jitter.isNegative()) {
      throw new IllegalArgumentException("syncline.schedule.jitter must not be negative: " + jitter);
    }
    this.interval = interval;
    this.initialDelay = initialDelay;
    this.jitter = jitter;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** @return how many rounds completed */
  public long rounds() {
    return rounds.get();
  }

  /** @return the results of the last completed round, empty before one */
  public List<SyncResult> lastRound() {
    return lastRound.get();
  }

  /**
   * The wait before a round: the base plus up to {@code jitter} at random.
   *
   * @param base the base wait
   * @return the wait
   */
  Duration withJitter(Duration base) {
    long bound = jitter.toMillis();
    return bound <= 0 ? base : base.plusMillis(random.applyAsLong(bound + 1));
  }

  private void round() {
    try {
      lastRound.set(List.copyOf(engine.syncAll()));
    } catch (RuntimeException e) {
      // syncAll records each resource's failure in the store; anything else must not end the schedule
      lastRound.set(List.of());
    } finally {
      rounds.incrementAndGet();
      ScheduledExecutorService ex = executor;
      if (ex != null && !ex.isShutdown()) {
        ex.schedule(this::round, withJitter(interval).toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "syncline-scheduler");
      t.setDaemon(true);
      return t;
    });
    executor.schedule(this::round, withJitter(initialDelay).toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService ex = executor;
    executor = null;
    if (ex != null) {
      ex.shutdownNow();
      try {
        ex.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }

  @Override
  public String toString() {
    return "SynclineScheduler[every " + interval + Optional.of(jitter).filter(j -> !j.isZero()).map(j -> " + up to " + j)
        .orElse("") + ", " + rounds.get() + " rounds]";
  }
}
