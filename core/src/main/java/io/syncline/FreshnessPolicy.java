package io.syncline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides per resource whether local data can be served, needs a delta, or needs a backfill.
 *
 * <p>The engine asks the policy with its own clock's instant ({@link SyncEngine.Builder#clock}),
 * so a policy never reads a clock of its own: the same state and the same {@code now} always give
 * the same decision. Implementations must be thread-safe; the engine may ask from several threads
 * at once. The ready-made policy ({@link #ofDefaults()}, {@link #ofDefaultTtl(Duration)},
 * {@link #builder()}) decides:
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
 * <p>The TTL is the resource's own ({@link Resource#ttl()}) or the policy's default, 2 hours
 * unless configured.
 */
public interface FreshnessPolicy {

  /** The default TTL: 2 hours. */
  Duration DEFAULT_TTL = Duration.ofHours(2);

  /**
   * Decides what to do for a resource.
   *
   * @param resource the resource
   * @param state its stored state, empty when never synced
   * @param now the engine's current instant
   * @return the decision with its reason and the data's age
   */
  SyncDecision decide(Resource resource, Optional<SyncState> state, Instant now);

  /**
   * Tells whether the resource's local data is not fresh enough to serve as it is, so a sync
   * should run first: true when it is stale (a delta is due) and also when there is no complete
   * local copy yet (a backfill is due). {@link #decide} tells which.
   *
   * @param resource the resource
   * @param state its stored state
   * @param now the engine's current instant
   * @return true unless the decision is {@link SyncAction#USE_LOCAL}
   */
  default boolean shouldRunIncrementalSync(Resource resource, Optional<SyncState> state, Instant now) {
    return decide(resource, state, now).action() != SyncAction.USE_LOCAL;
  }

  /**
   * The ready-made policy with the default TTL ({@link #DEFAULT_TTL}).
   *
   * @return the policy, immutable and thread-safe
   */
  static FreshnessPolicy ofDefaults() {
    return builder().build();
  }

  /**
   * The ready-made policy with another default TTL for resources that set none.
   *
   * @param defaultTtl a positive duration
   * @return the policy, immutable and thread-safe
   */
  static FreshnessPolicy ofDefaultTtl(Duration defaultTtl) {
    return builder().defaultTtl(defaultTtl).build();
  }

  /**
   * Starts building the ready-made policy.
   *
   * @return a builder, not thread-safe
   */
  static Builder builder() {
    return new Builder();
  }

  /** Builds the ready-made {@link FreshnessPolicy}. Not thread-safe. */
  final class Builder {
    private Duration defaultTtl = DEFAULT_TTL;

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
     * Builds the policy.
     *
     * @return an immutable, thread-safe policy
     */
    public FreshnessPolicy build() {
      return new TtlFreshnessPolicy(defaultTtl);
    }
  }
}
