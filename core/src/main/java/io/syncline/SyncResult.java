package io.syncline;

import io.syncline.spi.WriteResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one sync run of a resource did.
 *
 * @param resource the resource's name
 * @param mode the mode run ({@link SyncMode#NONE} when local data was fresh)
 * @param reason why this mode was chosen
 * @param pages pages fetched
 * @param fetched records fetched
 * @param written what the store did with them: inserted, updated, unchanged
 * @param duration how long the run took
 * @param cursor the cursor after the run
 * @param failure the failure, for runs reported by {@link SyncEngine#syncAll()} that failed
 * @param traffic what the run's fetching cost: requests, {@code 304}s, bytes on the wire and decoded
 */
public record SyncResult(
    String resource,
    SyncMode mode,
    String reason,
    long pages,
    long fetched,
    WriteResult written,
    Duration duration,
    Optional<Cursor> cursor,
    Optional<SyncException> failure,
    Traffic traffic) {

  /** Validates the components. */
  public SyncResult {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(written, "written");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(traffic, "traffic");
  }

  /**
   * A result without traffic counts ({@link Traffic#NONE}).
   *
   * @param resource the resource's name
   * @param mode the mode run
   * @param reason why
   * @param pages pages fetched
   * @param fetched records fetched
   * @param written what the store did
   * @param duration how long
   * @param cursor the cursor after
   * @param failure the failure, if any
   */
  public SyncResult(String resource, SyncMode mode, String reason, long pages, long fetched, WriteResult written,
      Duration duration, Optional<Cursor> cursor, Optional<SyncException> failure) {
    this(resource, mode, reason, pages, fetched, written, duration, cursor, failure, Traffic.NONE);
  }

  /**
   * Whether the source answered the run's conditional request "not modified": the run stored
   * nothing and moved nothing, at the cost of {@link #traffic()}.
   *
   * @return true for an unchanged poll
   */
  public boolean notModified() {
    return traffic.notModified() > 0 && fetched == 0;
  }

  /** @return records inserted */
  public long inserted() {
    return written.inserted();
  }

  /** @return records updated */
  public long updated() {
    return written.updated();
  }

  /** @return records fetched again that were already stored as they are */
  public long unchanged() {
    return written.unchanged();
  }

  /** @return true when the run did not fail */
  public boolean succeeded() {
    return failure.isEmpty();
  }
}
