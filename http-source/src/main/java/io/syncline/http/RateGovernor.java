package io.syncline.http;

import io.syncline.http.internal.Governor;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Paces the requests of every resource of one API, which share the vendor's quota: a smooth
 * client-side rate that adapts to the server, and a pause for everybody once the server says its
 * quota is spent ({@code 429} with {@code Retry-After}, or {@code X-RateLimit-Remaining: 0}).
 *
 * <p><b>Adaptive rate (AIMD).</b> Requests are spaced evenly at the <em>effective</em> rate, which
 * starts at the configured one. When the server throttles a request — {@code 429} (or {@code 403}
 * when {@link RetrySettings#forbiddenMeansRateLimited()}), {@code 503} with {@code Retry-After}, or
 * any response with {@code X-RateLimit-Remaining: 0} — the effective rate is multiplied by the
 * decrease factor, but never below the minimum rate; this slows down every resource sharing the
 * governor. Throttles of requests that were already in flight when the rate was lowered do not
 * lower it again, so a burst of parallel {@code 429}s halves the rate once. After
 * {@link Builder#recovery(int, double) a number of} successful requests in a row, the rate grows by one
 * step, and so on until it is back at the configured rate (the delay between requests recovers
 * after successes). Defaults: decrease factor 0.5, minimum a tenth of the configured rate, one step
 * of a tenth of the configured rate after every 10 consecutive successes.
 *
 * <p>Create one per API and hand it to every {@link HttpRecordSource} that talks to that API
 * with {@link HttpRecordSource.Builder#governor(RateGovernor)}. The pacing is measured on the
 * clock of the source that asks (see {@link HttpRecordSource.Builder#clock(java.time.Clock)}), so
 * sources sharing a governor should share a clock. Immutable configuration, thread-safe state.
 */
public final class RateGovernor {
  final Governor governor;

  private RateGovernor(Governor governor) {
    this.governor = governor;
  }

  /**
   * A governor that spaces requests to a rate and adapts it with the defaults listed on this class.
   *
   * @param limit the configured rate
   * @return a new governor
   */
  public static RateGovernor of(RateLimit limit) {
    return builder(limit).build();
  }

  /**
   * Starts configuring a governor for a rate.
   *
   * @param limit the configured rate, the most the governor will ever send
   * @return a builder with the defaults listed on this class; not thread-safe
   */
  public static Builder builder(RateLimit limit) {
    return new Builder(limit);
  }

  /**
   * A governor without a client-side rate that still honours the server's quota signals (there is
   * no rate to adapt, so throttles only cause the retry loop's waits).
   *
   * @return a new governor
   */
  public static RateGovernor unlimited() {
    return new RateGovernor(new Governor(Optional.empty(), Optional.empty()));
  }

  /** @return the configured rate, empty for {@link #unlimited()} */
  public Optional<RateLimit> configuredRate() {
    return governor.limit();
  }

  /**
   * The effective rate now: the configured rate, or less while the governor is slowed down after
   * the server throttled requests. Read-only, for monitoring and tests.
   *
   * @return requests per second, empty for {@link #unlimited()}
   */
  public OptionalDouble currentRate() {
    return governor.currentRate();
  }

  /** @return whether the effective rate adapts to throttling (false for a fixed or no rate) */
  public boolean adaptive() {
    return governor.adaptation().isPresent();
  }

  @Override
  public String toString() {
    return "RateGovernor[" + governor + "]";
  }

  /** Builds a {@link RateGovernor}. Not thread-safe; {@link #build()} copies the settings. */
  public static final class Builder {
    private final RateLimit limit;
    private boolean adaptive = true;
    private double decreaseFactor = 0.5;
    private RateLimit minimumRate;
    private int recoverAfter = 10;
    private double recoveryStep = 0.1;

    private Builder(RateLimit limit) {
      this.limit = Objects.requireNonNull(limit, "limit");
    }

    /**
     * Sets the factor the effective rate is multiplied by when the server throttles a request,
     * default 0.5 (halve it).
     *
     * @param factor greater than 0 and less than 1
     * @return this builder
     */
    public Builder decreaseFactor(double factor) {
      if (!(factor > 0 && factor < 1)) {
        throw new IllegalArgumentException("decreaseFactor must be within (0, 1): " + factor);
      }
      this.decreaseFactor = factor;
      return this;
    }

    /**
     * Sets the floor the effective rate never drops below, default a tenth of the configured rate.
     *
     * @param floor at most the configured rate
     * @return this builder
     */
    public Builder minimumRate(RateLimit floor) {
      Objects.requireNonNull(floor, "floor");
      if (Governor.perSecond(floor) > Governor.perSecond(limit)) {
        throw new IllegalArgumentException("minimumRate " + floor + " is above the configured rate " + limit);
      }
      this.minimumRate = floor;
      return this;
    }

    /**
     * Sets how the effective rate recovers: after {@code successes} successful requests in a row
     * it grows by {@code step} times the configured rate, until it reaches the configured rate.
     * Default 10 successes, step 0.1.
     *
     * @param successes at least 1
     * @param step a fraction of the configured rate, greater than 0 and at most 1
     * @return this builder
     */
    public Builder recovery(int successes, double step) {
      if (successes < 1) {
        throw new IllegalArgumentException("recovery needs at least 1 success per step: " + successes);
      }
      if (!(step > 0 && step <= 1)) {
        throw new IllegalArgumentException("recovery step must be within (0, 1]: " + step);
      }
      this.recoverAfter = successes;
      this.recoveryStep = step;
      return this;
    }

    /**
     * Keeps the rate fixed at the configured one: throttles still cause the retry loop's waits
     * and quota pauses, but never slow the pacing down.
     *
     * @return this builder
     */
    public Builder fixedRate() {
      this.adaptive = false;
      return this;
    }

    /**
     * Builds the governor.
     *
     * @return a new governor with its own state
     */
    public RateGovernor build() {
      double configured = Governor.perSecond(limit);
      double floor = minimumRate != null ? Governor.perSecond(minimumRate) : configured / 10;
      Optional<Governor.Adaptation> a = adaptive
          ? Optional.of(new Governor.Adaptation(decreaseFactor, floor, recoverAfter, configured * recoveryStep))
          : Optional.empty();
      return new RateGovernor(new Governor(Optional.of(limit), a));
    }
  }
}
