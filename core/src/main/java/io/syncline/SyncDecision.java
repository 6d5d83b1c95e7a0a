package io.syncline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link FreshnessPolicy}'s advice for a resource, with its reason.
 *
 * @param resource the resource's name
 * @param action what to do
 * @param reason why, in a short sentence
 * @param age the local data's age (time since the last successful sync started), if it was ever synced
 * @param ttl the TTL the decision used
 */
public record SyncDecision(String resource, SyncAction action, String reason, Optional<Duration> age, Duration ttl) {
  /** Validates the components. */
  public SyncDecision {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(age, "age");
    Objects.requireNonNull(ttl, "ttl");
  }
}
