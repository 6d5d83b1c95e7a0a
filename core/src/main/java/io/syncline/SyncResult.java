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
 * @param busy why the resource was skipped, for resources {@link SyncEngine#syncAll()} found
 *     busy: another instance holds its lease (that is normal when several instances sync on a
 *     schedule, and not a failure)
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
    Optional<ResourceBusyException> busy) {

  /** Validates the components. */
  public SyncResult {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(written, "written");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(busy, "busy");
    if (failure.isPresent() && busy.isPresent()) {
      throw new IllegalArgumentException("a result is either failed or skipped as busy, not both");
    }
  }

  /**
   * A result without the busy component: a run that ran (or failed).
   *
   * @param resource the resource's name
   * @param mode the mode run
   * @param reason why this mode was chosen
   * @param pages pages fetched
   * @param fetched records fetched
   * @param written what the store did
   * @param duration how long the run took
   * @param cursor the cursor after the run
   * @param failure the failure, if it failed
   */
  public SyncResult(String resource, SyncMode mode, String reason, long pages, long fetched, WriteResult written,
      Duration duration, Optional<Cursor> cursor, Optional<SyncException> failure) {
    this(resource, mode, reason, pages, fetched, written, duration, cursor, failure, Optional.empty());
  }

  /**
   * The result for a resource skipped because another instance holds its lease.
   *
   * @param busy what the lease attempt said: who holds it and until when
   * @param cursor the stored cursor
   * @return a result with mode {@link SyncMode#NONE}, nothing fetched, {@link #skipped()} true
   */
  public static SyncResult skippedBusy(ResourceBusyException busy, Optional<Cursor> cursor) {
    String holder = busy.holderOwner().map(LeaseOwner::describe).orElse(busy.holder());
    return new SyncResult(busy.resource(), SyncMode.NONE, "skipped: busy, held by " + holder
        + (busy.expiresAt() != null ? " until " + busy.expiresAt() : ""), 0, 0, WriteResult.EMPTY,
        Duration.ZERO, cursor, Optional.empty(), Optional.of(busy));
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

  /** @return true when the run neither failed nor was skipped */
  public boolean succeeded() {
    return failure.isEmpty() && busy.isEmpty();
  }

  /** @return true when the run failed ({@link #failure()} says how) */
  public boolean failed() {
    return failure.isPresent();
  }

  /** @return true when the resource was skipped because another instance holds its lease */
  public boolean skipped() {
    return busy.isPresent();
  }
}
