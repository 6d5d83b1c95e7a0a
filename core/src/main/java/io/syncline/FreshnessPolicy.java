package io.syncline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides per resource whether local data can be served, needs a delta, or needs a backfill.
 *
 * <ul>
 *   <li>No state, or a backfill that never completed: {@link SyncAction#BACKFILL}.
 *   <li>An id-only resource whose last full refresh is {@link Resource#fullRefreshInterval()} old
 *       or older: {@link SyncAction#BACKFILL}.
 *   <li>Data whose age (time since the last successful sync started) is at least the TTL:
 *       {@link SyncAction#INCREMENTAL}; younger: {@link SyncAction#USE_LOCAL}. A last sync in the
 *       future (a clock set back) counts as age zero.
 * </ul>
 *
 * <p>The TTL is the resource's own ({@link Resource#ttl()}) or this policy's default, 2 hours
 * unless configured. Immutable and thread-safe; built with {@link #builder()}.
 */
public final class FreshnessPolicy {

  /** The default TTL: 2 hours. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(2);

  private final Duration defaultTtl;
  private final Clock clock;

  private FreshnessPolicy(Builder b) {
    this.defaultTtl = b.defaultTtl;
    this.clock = b.clock;
  }

  /**
   * A policy with the default TTL on the system clock.
   *
   * @return the policy
   */
  public static FreshnessPolicy ofDefaults() {
    return builder().build();
  }

  /**
   * Starts building a policy.
   *
   * @return a builder, not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the TTL used for resources that set none */
  public Duration defaultTtl() {
    return defaultTtl;
  }

  /** @return the clock the policy reads */
  public Clock clock() {
    return clock;
  }

  /**
   * The TTL that applies to a resource.
   *
   * @param resource the resource
   * @return its own TTL or the default
   */
  public Duration ttlOf(Resource resource) {
    return resource.ttl().orElse(defaultTtl);
  }

  /**
   * Decides what to do for a resource.
   *
   * @param resource the resource
   * @param state its stored state, empty when never synced
   * @return the decision with its reason and the data's age
   */
  public SyncDecision decide(Resource resource, Optional<SyncState> state) {
    Duration ttl = ttlOf(resource);
    String name = resource.name();
    if (state.isEmpty()) {
      return new SyncDecision(name, SyncAction.BACKFILL, "never synced: no local data", Optional.empty(), ttl);
    }
    SyncState s = state.get();
    Instant now = clock.instant();
    Optional<Duration> age = s.lastSuccessAt().map(t -> t.isAfter(now) ? Duration.ZERO : Duration.between(t, now));
    if (s.lastBackfillAt().isEmpty()) {
      String why = s.checkpoint().isPresent()
          ? "backfill incomplete (" + s.checkpoint().get().pages() + " pages committed): resume it"
          : "no completed backfill yet";
      return new SyncDecision(name, SyncAction.BACKFILL, why, age, ttl);
    }
    if (resource.strategy() == SyncStrategy.ID_ONLY) {
      Instant lastFull = s.lastBackfillAt().get();
      Duration sinceFull = lastFull.isAfter(now) ? Duration.ZERO : Duration.between(lastFull, now);
      if (sinceFull.compareTo(resource.fullRefreshInterval()) >= 0) {
        return new SyncDecision(name, SyncAction.BACKFILL,
            "id-only resource: full refresh due (last one " + human(sinceFull) + " ago, every "
                + human(resource.fullRefreshInterval()) + ")", age, ttl);
      }
    }
    if (age.isEmpty()) {
      return new SyncDecision(name, SyncAction.INCREMENTAL, "no successful sync recorded", age, ttl);
    }
    if (age.get().compareTo(ttl) >= 0) {
      return new SyncDecision(name, SyncAction.INCREMENTAL,
          "stale: data is " + human(age.get()) + " old, TTL " + human(ttl), age, ttl);
    }
    return new SyncDecision(name, SyncAction.USE_LOCAL,
        "fresh: data is " + human(age.get()) + " old, TTL " + human(ttl), age, ttl);
  }

  /**
   * Tells whether the resource's local data is not fresh enough to serve as it is, so a sync
   * should run first: true when it is stale (a delta is due) and also when there is no complete
   * local copy yet (a backfill is due). {@link #decide} tells which.
   *
   * @param resource the resource
   * @param state its stored state
   * @return true unless the decision is {@link SyncAction#USE_LOCAL}
   */
  public boolean shouldRunIncrementalSync(Resource resource, Optional<SyncState> state) {
    return decide(resource, state).action() != SyncAction.USE_LOCAL;
  }

  static String human(Duration d) {
    long s = d.getSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    if (s < 172_800) {
      return (s / 3600) + "h" + (s % 3600 >= 60 ? ((s % 3600) / 60) + "m" : "");
    }
    return (s / 86_400) + "d";
  }

  @Override
  public String toString() {
    return "FreshnessPolicy[defaultTtl=" + defaultTtl + "]";
  }

  /** Builds a {@link FreshnessPolicy}. Not thread-safe. */
  public static final class Builder {
    private Duration defaultTtl = DEFAULT_TTL;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the TTL for resources that set none.
     *
     * @param ttl a positive duration, default 2 h
     * @return this builder
     */
    public Builder defaultTtl(Duration ttl) {
      if (ttl == null || ttl.isZero() || ttl.isNegative()) {
        throw new IllegalArgumentException("defaultTtl must be positive: " + ttl);
      }
      this.defaultTtl = ttl;
      return this;
    }

    /**
     * Sets the clock; tests pass a clock they control.
     *
     * @param clock the clock, default UTC system clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return an immutable policy
     */
    public FreshnessPolicy build() {
      return new FreshnessPolicy(this);
    }
  }
}
