package io.syncline;

import io.syncline.spi.Lease;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource's state at a glance, for operators.
 *
 * @param resource the resource
 * @param state its stored state, empty when never synced
 * @param recordCount records stored
 * @param lease the current lease, if an instance is syncing it
 * @param decision what the freshness policy would decide now
 * @param holderGone true when the lease's holder runs on this host and its process is known to be
 *     gone ({@link ProcessLiveness}): the next run takes the lease over at once
 */
public record ResourceStatus(Resource resource, Optional<SyncState> state, long recordCount,
    Optional<Lease> lease, SyncDecision decision, boolean holderGone) {
  /** Validates the components. */
  public ResourceStatus {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(decision, "decision");
    if (holderGone && lease.isEmpty()) {
      throw new IllegalArgumentException("holderGone without a lease");
    }
  }

  /**
   * A status whose lease holder (if any) is not known to be gone.
   *
   * @param resource the resource
   * @param state its stored state
   * @param recordCount records stored
   * @param lease the current lease
   * @param decision the policy's decision
   */
  public ResourceStatus(Resource resource, Optional<SyncState> state, long recordCount, Optional<Lease> lease,
      SyncDecision decision) {
    this(resource, state, recordCount, lease, decision, false);
  }

  /** @return the lease holder's host and process, when a lease is held and its owner id names them */
  public Optional<LeaseOwner> holder() {
    return lease.flatMap(l -> LeaseOwner.parse(l.owner()));
  }
}
