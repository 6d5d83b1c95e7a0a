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
 * @param written what the store did with them: inserted, updated, unchanged, marked deleted, set
 *     aside as rejected
 * @param duration how long the run took
 * @param cursor the cursor after the run
 * @param failure the failure, for runs reported by {@link SyncEngine#syncAll()} that failed
 * @param busy why the resource was skipped, for resources {@link SyncEngine#syncAll()} found
 *     busy: another instance holds its lease (that is normal when several instances sync on a
 *     schedule, and not a failure)
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
    Optional<ResourceBusyException> busy,
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
    Objects.requireNonNull(busy, "busy");
    Objects.requireNonNull(traffic, "traffic");
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
    this(resource, mode, reason, pages, fetched, written, duration, cursor, failure, Optional.empty(), Traffic.NONE);
  }

  /**
   * A result without traffic counts ({@link Traffic#NONE}).
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
   * @param busy why the resource was skipped, if it was
   */
  public SyncResult(String resource, SyncMode mode, String reason, long pages, long fetched, WriteResult written,
      Duration duration, Optional<Cursor> cursor, Optional<SyncException> failure,
      Optional<ResourceBusyException> busy) {
    this(resource, mode, reason, pages, fetched, written, duration, cursor, failure, busy, Traffic.NONE);
  }

  /**
   * A result of a run that ran, with its traffic.
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
   * @param traffic what the run's fetching cost
   */
  public SyncResult(String resource, SyncMode mode, String reason, long pages, long fetched, WriteResult written,
      Duration duration, Optional<Cursor> cursor, Optional<SyncException> failure, Traffic traffic) {
    this(resource, mode, reason, pages, fetched, written, duration, cursor, failure, Optional.empty(), traffic);
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
        Duration.ZERO, cursor, Optional.empty(), Optional.of(busy), Traffic.NONE);
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

  /** @return live records the run marked deleted (soft-delete field, deletion feed or sweep) */
  public long deleted() {
    return written.deleted();
  }

  /**
   * Records the run set aside as rejected records instead of storing them (a resource with
   * {@link InvalidRecords#SET_ASIDE}); see {@link io.syncline.spi.RecordStore#rejected}.
   *
   * @return records set aside
   */
  public long rejected() {
    return written.rejected();
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
