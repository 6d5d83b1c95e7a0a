package io.syncline.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How a source retries a request that failed transiently: connection errors, timeouts, bodies
 * cut off mid-stream, {@code 429} and {@code 5xx}.
 *
 * <p>Ordinary failures back off exponentially ({@link #baseDelay()} times {@link #factor()} per
 * attempt, capped at {@link #maxDelay()}, with ±{@link #jitter()} randomness) and give up after
 * {@link #maxAttempts()} attempts. Every request starts again from the base delay; across requests,
 * the {@link RateGovernor} slows the pace down when the server throttles and lets it recover after
 * successes. A {@code 401} is retried once, without delay, only when the token comes from a
 * refreshing supplier ({@link HttpRecordSource.Builder#bearerToken(java.util.function.Supplier)}). When the server says how long to wait ({@code Retry-After} in seconds,
 * fractional seconds or an HTTP date, or {@code X-RateLimit-Remaining: 0} with
 * {@code X-RateLimit-Reset}), the source waits exactly that long, without jitter, plus a fixed
 * margin of one second when the wait is given as an instant on the server's clock (an HTTP date,
 * an epoch reset), and never less than the backoff delay (so {@code Retry-After: 0} cannot burn
 * every attempt at once). Such quota waits do not count as attempts but are bounded by
 * {@link #quotaWaitBudget()}, compared with the waits as the server gave them (the margin is not
 * counted), so a 10-minute reset fits the default 15-minute budget every time. A {@code 403} that
 * carries {@code X-RateLimit-Remaining: 0} is a quota response whatever
 * {@link Builder#forbiddenMeansRateLimited(boolean)} says.
 *
 * <p>Defaults: 6 attempts, 100 ms base, factor 2, 10 s cap, jitter 0.25, quota budget 15 min,
 * {@code 403} is not a rate limit. Immutable and thread-safe; built with {@link #builder()}.
 */
public final class RetrySettings {
  private final int maxAttempts;
  private final Duration baseDelay;
  private final double factor;
  private final Duration maxDelay;
  private final double jitter;
  private final Duration quotaWaitBudget;
  private final boolean forbiddenMeansRateLimited;

  private RetrySettings(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.baseDelay = b.baseDelay;
    this.factor = b.factor;
    this.maxDelay = b.maxDelay;
    this.jitter = b.jitter;
    this.quotaWaitBudget = b.quotaWaitBudget;
    this.forbiddenMeansRateLimited = b.forbiddenMeansRateLimited;
  }

  /**
   * The defaults listed on this class.
   *
   * @return the settings
   */
  public static RetrySettings ofDefaults() {
    return builder().build();
  }

  /**
   * Starts from the defaults.
   *
   * @return a builder, not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return attempts per request for ordinary failures, including the first */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** @return the delay before the first retry */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** @return the factor the delay grows by per attempt */
  public double factor() {
    return factor;
  }

  /** @return the largest backoff delay */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** @return the random spread of each backoff delay, as a fraction of it (0 for none) */
  public double jitter() {
    return jitter;
  }

  /** @return how long one request may wait in total for the server's quota to reset */
  public Duration quotaWaitBudget() {
    return quotaWaitBudget;
  }

  /** @return whether {@code 403} is treated as "rate limited" (as GitHub does) */
  public boolean forbiddenMeansRateLimited() {
    return forbiddenMeansRateLimited;
  }

  @Override
  public String toString() {
    return "RetrySettings[attempts=" + maxAttempts + ", backoff=" + baseDelay + "x" + factor + " up to "
        + maxDelay + ", jitter=" + jitter + ", quotaWaitBudget=" + quotaWaitBudget
        + ", 403=" + (forbiddenMeansRateLimited ? "rate limit" : "error") + "]";
  }

  /** Builds {@link RetrySettings}. Not thread-safe; {@link #build()} copies the settings. */
  public static final class Builder {
    private int maxAttempts = 6;
    private Duration baseDelay = Duration.ofMillis(100);
    private double factor = 2;
    private Duration maxDelay = Duration.ofSeconds(10);
    private double jitter = 0.25;
    private Duration quotaWaitBudget = Duration.ofMinutes(15);
    private boolean forbiddenMeansRateLimited;

    private Builder() {}

    /**
     * Sets the attempts per request, default 6; 1 disables retries.
     *
     * @param attempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sets the exponential backoff, default 100 ms, factor 2, cap 10 s.
     *
     * @param base the first delay, positive
     * @param factor the growth per attempt, at least 1
     * @param max the cap, at least {@code base}
     * @return this builder
     */
    public Builder backoff(Duration base, double factor, Duration max) {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(max, "max");
      if (base.isNegative() || base.isZero() || factor < 1 || max.compareTo(base) < 0) {
        throw new IllegalArgumentException("backoff needs base > 0, factor >= 1, max >= base: "
            + base + ", " + factor + ", " + max);
      }
      this.baseDelay = base;
      this.factor = factor;
      this.maxDelay = max;
      return this;
    }

    /**
     * Sets the jitter, default 0.25 (each backoff delay varies by up to ±25 %). A wait the server
     * mandates is never jittered.
     *
     * @param fraction 0 (none) to 0.9
     * @return this builder
     */
    public Builder jitter(double fraction) {
      if (!(fraction >= 0 && fraction <= 0.9)) {
        throw new IllegalArgumentException("jitter must be within 0..0.9: " + fraction);
      }
      this.jitter = fraction;
      return this;
    }

    /**
     * Sets how long one request may wait in total for quota resets the server announces, default
     * 15 minutes. A reset further away fails the run at once with a message saying when to retry.
     *
     * @param budget zero or positive
     * @return this builder
     */
    public Builder quotaWaitBudget(Duration budget) {
      Objects.requireNonNull(budget, "budget");
      if (budget.isNegative()) {
        throw new IllegalArgumentException("quotaWaitBudget must not be negative: " + budget);
      }
      this.quotaWaitBudget = budget;
      return this;
    }

    /**
     * Sets whether {@code 403 Forbidden} means "rate limited" and is retried like {@code 429},
     * default false (a 403 fails at once).
     *
     * @param on true for APIs such as GitHub's
     * @return this builder
     */
    public Builder forbiddenMeansRateLimited(boolean on) {
      this.forbiddenMeansRateLimited = on;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return immutable settings
     */
    public RetrySettings build() {
      return new RetrySettings(this);
    }
  }
}
