package io.syncline.http.internal;

import io.syncline.http.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state behind a {@link io.syncline.http.RateGovernor}: a smooth pacer whose rate adapts
 * (multiplicative decrease on a throttle signal, additive increase after successes), and the pause
 * every request waits out when the server says its quota is spent. Thread-safe: the pacer's state
 * is guarded by this object's monitor, the pause is an atomic reference. Not API.
 */
public final class Governor {

  /**
   * A reserved request slot.
   *
   * @param delay how long the caller must wait before sending
   * @param generation the rate generation the slot was reserved under; a throttle signal for a
   *     request of an older generation was already answered by a decrease and is not counted again
   */
  record Permit(Duration delay, long generation) {}

  private final Optional<RateLimit> limit;
  private final Optional<Adaptation> adaptation;
  private final double configured;
  private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);

  // Guarded by this.
  private double current;
  private long generation;
  private int successes;
  private Instant nextFree = Instant.MIN;

  /**
   * How the rate adapts.
   *
   * @param decreaseFactor the rate is multiplied by this on a throttle signal, within (0, 1)
   * @param minimumPerSecond the rate never drops below this, in requests per second
   * @param recoverAfter consecutive successes per recovery step
   * @param stepPerSecond the rate grows by this per step, in requests per second
   */
  public record Adaptation(double decreaseFactor, double minimumPerSecond, int recoverAfter, double stepPerSecond) {}

  /**
   * Creates the state.
   *
   * @param limit the configured client-side rate, if any
   * @param adaptation how the rate adapts, empty for a fixed rate (ignored without a rate)
   */
  public Governor(Optional<RateLimit> limit, Optional<Adaptation> adaptation) {
    this.limit = limit;
    this.configured = limit.map(Governor::perSecond).orElse(Double.NaN);
    this.adaptation = limit.isPresent() ? adaptation : Optional.empty();
    this.current = configured;
  }

  /**
   * Converts a rate to requests per second.
   *
   * @param l the rate
   * @return requests per second
   */
  public static double perSecond(RateLimit l) {
    return l.requests() * 1e9 / l.period().toNanos();
  }

  /** @return the configured rate, if any */
  public Optional<RateLimit> limit() {
    return limit;
  }

  /** @return how the rate adapts, if it does */
  public Optional<Adaptation> adaptation() {
    return adaptation;
  }

  /** @return the effective rate in requests per second now, empty without a client-side rate */
  public synchronized OptionalDouble currentRate() {
    return limit.isPresent() ? OptionalDouble.of(current) : OptionalDouble.empty();
  }

  /**
   * Reserves the next request slot: the slots are spaced by the current rate's interval, measured
   * on the caller's clock.
   *
   * @param now the current instant
   * @return the slot
   */
  synchronized Permit reservePermit(Instant now) {
    if (limit.isEmpty()) {
      return new Permit(Duration.ZERO, generation);
    }
    Instant slot = nextFree.isAfter(now) ? nextFree : now;
    nextFree = slot.plusNanos(Math.max(1, (long) Math.ceil(1e9 / current)));
    return new Permit(Duration.between(now, slot), generation);
  }

  /**
   * Notes a successful request; after enough in a row, raises a lowered rate by one step.
   */
  synchronized void succeeded() {
    if (adaptation.isEmpty() || current >= configured) {
      successes = 0;
      return;
    }
    Adaptation a = adaptation.get();
    if (++successes >= a.recoverAfter()) {
      successes = 0;
      current = Math.min(configured, current + a.stepPerSecond());
    }
  }

  /**
   * Notes that the server throttled a request (429, 503 with {@code Retry-After},
   * {@code X-RateLimit-Remaining: 0}); lowers the rate once per generation.
   *
   * @param permitGeneration the generation the throttled request's slot was reserved under
   */
  synchronized void throttled(long permitGeneration) {
    successes = 0;
    if (adaptation.isEmpty() || permitGeneration != generation) {
      return;
    }
    Adaptation a = adaptation.get();
    double lowered = Math.max(a.minimumPerSecond(), current * a.decreaseFactor());
    if (lowered < current) {
      current = lowered;
      generation++;
    }
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
  public synchronized String toString() {
    if (limit.isEmpty()) {
      return "no client-side rate";
    }
    RateLimit l = limit.get();
    String s = l.requests() + " requests per " + l.period();
    if (adaptation.isEmpty()) {
      return s + " (fixed)";
    }
    return s + (current < configured ? String.format(java.util.Locale.ROOT, ", lowered to %.3g/s", current) : "")
        + " (adaptive)";
  }
}
