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
 */
public record ResourceStatus(Resource resource, Optional<SyncState> state, long recordCount,
    Optional<Lease> lease, SyncDecision decision) {
  /** Validates the components. */
  public ResourceStatus {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(decision, "decision");
  }
}
