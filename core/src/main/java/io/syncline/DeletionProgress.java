package io.syncline;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a resource's deletion passes stand, kept in its {@link SyncState}: the deletion feed's
 * own cursor (committed with each page of marks) and when the last complete id sweep started.
 * Immutable and thread-safe.
 *
 * @param feedCursor the position after the last deletion-feed entry read (deletion time, id)
 * @param lastSweepAt when the last complete id sweep started
 */
public record DeletionProgress(Optional<Cursor> feedCursor, Optional<Instant> lastSweepAt) {
  /** Nothing read yet. */
  public static final DeletionProgress NONE = new DeletionProgress(Optional.empty(), Optional.empty());

  /** Validates the components. */
  public DeletionProgress {
    Objects.requireNonNull(feedCursor, "feedCursor");
    Objects.requireNonNull(lastSweepAt, "lastSweepAt");
  }

  /**
   * @param cursor the feed's new position
   * @return a copy with that position
   */
  public DeletionProgress withFeedCursor(Optional<Cursor> cursor) {
    return new DeletionProgress(cursor, lastSweepAt);
  }

  /**
   * @param startedAt when the completed sweep started
   * @return a copy with that sweep time
   */
  public DeletionProgress swept(Instant startedAt) {
    return new DeletionProgress(feedCursor, Optional.of(startedAt));
  }
}
