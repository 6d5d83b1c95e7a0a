package io.syncline.examples.server;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for a running {@link FieldServiceServer}, to show and test how a client copes
 * with a flaky API: failing requests, bodies cut mid-way, slow answers. Faults apply to the
 * {@code /v1} API only, after authentication and rate limiting. Thread-safe; every method takes
 * effect for the requests that arrive after it returns.
 *
 * <pre>{@code
 * server.faults().failNext(2, 503);   // the next two listings answer 503 with Retry-After: 1
 * server.faults().cutNext(1);         // the one after that is cut half-way through its body
 * server.faults().delay(Duration.ofMillis(200));
 * }</pre>
 */
public final class Faults {

  /** What to do with one request. */
  enum Kind { NONE, FAIL, CUT }

  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();
  private volatile int failStatus = 503;
  private volatile Duration delay = Duration.ZERO;

  Faults() {}

  /**
   * Makes the next requests fail with a transient server error. Answers 503 carry
   * {@code Retry-After: 1}.
   *
   * @param count how many requests fail, at least 1
   * @param status 500, 502, 503 or 504
   * @return this
   * @throws IllegalArgumentException for another status or a count below 1
   */
  public Faults failNext(int count, int status) {
    if (status != 500 && status != 502 && status != 503 && status != 504) {
      throw new IllegalArgumentException("failNext status must be 500, 502, 503 or 504 (transient errors): " + status);
    }
    if (count < 1) {
      throw new IllegalArgumentException("failNext count must be at least 1: " + count);
    }
    this.failStatus = status;
    failures.set(count);
    return this;
  }

  /**
   * Makes the next successful listings send their headers and half of their body, then drop the
   * connection.
   *
   * @param count how many responses are cut, at least 1
   * @return this
   */
  public Faults cutNext(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("cutNext count must be at least 1: " + count);
    }
    cuts.set(count);
    return this;
  }

  /**
   * Delays every API response until cleared.
   *
   * @param d the delay; zero for none
   * @return this
   */
  public Faults delay(Duration d) {
    Objects.requireNonNull(d, "delay");
    if (d.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + d);
    }
    this.delay = d;
    return this;
  }

  /**
   * Removes every pending fault and the delay.
   *
   * @return this
   */
  public Faults clear() {
    failures.set(0);
    cuts.set(0);
    delay = Duration.ZERO;
    return this;
  }

  /** @return the delay applied to every API response */
  public Duration delay() {
    return delay;
  }

  int failStatus() {
    return failStatus;
  }

  /** Takes the fault, if any, for the request being served. Failures come before cuts. */
  Kind next() {
    if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      return Kind.FAIL;
    }
    return Kind.NONE;
  }

  /** Takes a pending cut, if any, for a listing about to be sent. */
  boolean takeCut() {
    return cuts.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  @Override
  public String toString() {
    return "Faults[failures=" + failures.get() + " x " + failStatus + ", cuts=" + cuts.get() + ", delay=" + delay + "]";
  }
}
