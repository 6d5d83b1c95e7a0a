package io.syncline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a resource learns of deleted records besides a deletion feed (which its source offers or
 * not): periodic id sweeps, their safety limit, and how long deletion marks are kept. Immutable
 * and thread-safe.
 *
 * <p>Defaults ({@link #NONE}): no sweeps; a sweep run on request may mark at most 10 % of the
 * live records; marks are kept forever.
 *
 * <pre>{@code
 * Resource.builder("equipments").cursorField("updated_at")
 *     .deletions(DeletionPolicy.builder().sweepEvery(Duration.ofHours(24)).build())
 *     .build();
 * }</pre>
 */
public final class DeletionPolicy {
  /** The default largest share of live records one sweep may mark deleted. */
  public static final double DEFAULT_MAX_SWEEP_SHARE = 0.10;

  /** No scheduled sweeps, the default safety limit, marks kept forever. */
  public static final DeletionPolicy NONE = builder().build();

  private final Optional<Duration> sweepInterval;
  private final double maxSweepShare;
  private final Optional<Duration> retention;

  private DeletionPolicy(Builder b) {
    this.sweepInterval = Optional.ofNullable(b.sweepInterval);
    this.maxSweepShare = b.maxSweepShare;
    this.retention = Optional.ofNullable(b.retention);
  }

  /** @return a builder with the defaults, not thread-safe */
  public static Builder builder() {
    return new Builder();
  }

  /** @return how often {@link SyncEngine#sync} runs an id sweep, if it does */
  public Optional<Duration> sweepInterval() {
    return sweepInterval;
  }

  /** @return the largest share (0..1) of live records one sweep may mark; more fails the sweep */
  public double maxSweepShare() {
    return maxSweepShare;
  }

  /** @return how long records marked deleted are kept before a sweep purges them, if not forever */
  public Optional<Duration> retention() {
    return retention;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeletionPolicy p && sweepInterval.equals(p.sweepInterval)
        && maxSweepShare == p.maxSweepShare && retention.equals(p.retention);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sweepInterval, maxSweepShare, retention);
  }

  @Override
  public String toString() {
    return "DeletionPolicy[sweep=" + sweepInterval.map(Duration::toString).orElse("on request")
        + ", maxSweepShare=" + maxSweepShare + ", retention=" + retention.map(Duration::toString).orElse("forever") + "]";
  }

  /** Builds a {@link DeletionPolicy}. Not thread-safe; {@link #build()} copies the settings. */
  public static final class Builder {
    private Duration sweepInterval;
    private double maxSweepShare = DEFAULT_MAX_SWEEP_SHARE;
    private Duration retention;

    private Builder() {}

    /**
     * Makes {@link SyncEngine#sync} run an id sweep when the last one is older than this.
     *
     * @param interval a positive interval, e.g. 24 hours
     * @return this builder
     */
    public Builder sweepEvery(Duration interval) {
      this.sweepInterval = positive(interval, "sweep interval");
      return this;
    }

    /**
     * Sets the safety limit: a sweep that would mark more than this share of the live records
     * marks nothing and fails (an API answering an empty list by mistake must not wipe the copy).
     *
     * @param share 0..1, default 0.10
     * @return this builder
     */
    public Builder maxSweepShare(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("maxSweepShare must be within 0..1: " + share);
      }
      this.maxSweepShare = share;
      return this;
    }

    /**
     * Keeps records marked deleted this long; sweeps purge older marks.
     *
     * @param retention a positive duration
     * @return this builder
     */
    public Builder retention(Duration retention) {
      this.retention = positive(retention, "retention");
      return this;
    }

    /** @return the policy */
    public DeletionPolicy build() {
      return new DeletionPolicy(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
