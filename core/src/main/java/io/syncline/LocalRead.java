package io.syncline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An answer read from the local store, with where it came from and how old the data is.
 *
 * @param value the answer
 * @param origin where the data came from
 * @param age the data's age when read (time since the last successful sync started), if known
 * @param decision the freshness decision taken before reading
 * @param error the sync failure, when {@code origin} is {@link DataOrigin#STALE_AFTER_FAILURE} or
 *     {@link DataOrigin#LOCAL_WHILE_BUSY}
 * @param <T> the answer's type
 */
public record LocalRead<T>(T value, DataOrigin origin, Optional<Duration> age, SyncDecision decision,
    Optional<SyncException> error) {
  /** Validates the components. */
  public LocalRead {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(age, "age");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(error, "error");
  }

  /** @return true when the data is known to be stale (a sync failed or another instance is syncing) */
  public boolean stale() {
    return origin == DataOrigin.STALE_AFTER_FAILURE || origin == DataOrigin.LOCAL_WHILE_BUSY;
  }
}
