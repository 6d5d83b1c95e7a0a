package io.syncline;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store remembers of a resource between runs: one row per resource.
 *
 * @param resource the resource's name
 * @param lastMode the mode of the last run
 * @param status the outcome of the last run
 * @param cursor where the next incremental run continues; empty when nothing was read yet
 * @param lastSuccessAt when the last successful run started (local clock): the data is at least
 *     this fresh
 * @param lastBackfillAt when the last completed backfill started, if any completed
 * @param checkpoint the checkpoint of an unfinished backfill, if one is in progress or stopped
 * @param lastError a one-line description of the last failure, never containing secrets
 * @param validator the validator of the last incremental pass's first page, when that page was
 *     the whole listing; the next pass may send it as a conditional request
 * @param lastTraffic what the last (or current) run's fetching cost
 * @param deletions the deletion feed's cursor and the last sweep's time
 */
public record SyncState(
    String resource,
    SyncMode lastMode,
    SyncStatus status,
    Optional<Cursor> cursor,
    Optional<Instant> lastSuccessAt,
    Optional<Instant> lastBackfillAt,
    Optional<Checkpoint> checkpoint,
    Optional<String> lastError,
    Optional<Validator> validator,
    Traffic lastTraffic,
    DeletionProgress deletions) {

  /** Validates the components. */
  public SyncState {
    Resource.validateName(resource);
    Objects.requireNonNull(lastMode, "lastMode");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(lastSuccessAt, "lastSuccessAt");
    Objects.requireNonNull(lastBackfillAt, "lastBackfillAt");
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(lastTraffic, "lastTraffic");
    Objects.requireNonNull(deletions, "deletions");
  }

  /**
   * A state without deletion progress.
   *
   * @param resource the resource's name
   * @param lastMode the last run's mode
   * @param status the last run's outcome
   * @param cursor the cursor
   * @param lastSuccessAt when the last successful run started
   * @param lastBackfillAt when the last completed backfill started
   * @param checkpoint an unfinished backfill's checkpoint
   * @param lastError the last failure
   * @param validator the last incremental pass's validator
   * @param lastTraffic the last run's traffic
   */
  public SyncState(String resource, SyncMode lastMode, SyncStatus status, Optional<Cursor> cursor,
      Optional<Instant> lastSuccessAt, Optional<Instant> lastBackfillAt, Optional<Checkpoint> checkpoint,
      Optional<String> lastError, Optional<Validator> validator, Traffic lastTraffic) {
    this(resource, lastMode, status, cursor, lastSuccessAt, lastBackfillAt, checkpoint, lastError, validator,
        lastTraffic, DeletionProgress.NONE);
  }

  /**
   * @param d the deletion passes' new progress
   * @return a copy with it
   */
  public SyncState withDeletions(DeletionProgress d) {
    return new SyncState(resource, lastMode, status, cursor, lastSuccessAt, lastBackfillAt, checkpoint, lastError,
        validator, lastTraffic, d);
  }

  /**
   * A state without validator and traffic.
   *
   * @param resource the resource's name
   * @param lastMode the last run's mode
   * @param status the last run's outcome
   * @param cursor the cursor
   * @param lastSuccessAt when the last successful run started
   * @param lastBackfillAt when the last completed backfill started
   * @param checkpoint an unfinished backfill's checkpoint
   * @param lastError the last failure
   */
  public SyncState(String resource, SyncMode lastMode, SyncStatus status, Optional<Cursor> cursor,
      Optional<Instant> lastSuccessAt, Optional<Instant> lastBackfillAt, Optional<Checkpoint> checkpoint,
      Optional<String> lastError) {
    this(resource, lastMode, status, cursor, lastSuccessAt, lastBackfillAt, checkpoint, lastError, Optional.empty(),
        Traffic.NONE);
  }

  /**
   * A copy with the validator replaced.
   *
   * @param v the validator, or empty
   * @return the state
   */
  public SyncState withValidator(Optional<Validator> v) {
    return new SyncState(resource, lastMode, status, cursor, lastSuccessAt, lastBackfillAt, checkpoint, lastError,
        v, lastTraffic, deletions);
  }

  /**
   * A copy with the last run's traffic replaced.
   *
   * @param t the traffic
   * @return the state
   */
  public SyncState withLastTraffic(Traffic t) {
    return new SyncState(resource, lastMode, status, cursor, lastSuccessAt, lastBackfillAt, checkpoint, lastError,
        validator, t, deletions);
  }

  /**
   * The state of a resource that was never synced.
   *
   * @param resource the resource's name
   * @return an empty state
   */
  public static SyncState initial(String resource) {
    return new SyncState(resource, SyncMode.NONE, SyncStatus.SUCCEEDED, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * A copy with the cursor replaced.
   *
   * @param c the new cursor
   * @return the state
   */
  public SyncState withCursor(Optional<Cursor> c) {
    return new SyncState(resource, lastMode, status, c, lastSuccessAt, lastBackfillAt, checkpoint, lastError,
        validator, lastTraffic, deletions);
  }

  /**
   * A copy with the checkpoint replaced.
   *
   * @param cp the new checkpoint
   * @return the state
   */
  public SyncState withCheckpoint(Optional<Checkpoint> cp) {
    return new SyncState(resource, lastMode, status, cursor, lastSuccessAt, lastBackfillAt, cp, lastError,
        validator, lastTraffic, deletions);
  }

  /**
   * A copy marking a run in progress.
   *
   * @param mode the run's mode
   * @return the state
   */
  public SyncState running(SyncMode mode) {
    return new SyncState(resource, mode, SyncStatus.RUNNING, cursor, lastSuccessAt, lastBackfillAt,
        checkpoint, lastError, validator, lastTraffic, deletions);
  }

  /**
   * A copy marking a successful run.
   *
   * @param mode the run's mode
   * @param startedAt when the run started
   * @return the state
   */
  public SyncState succeeded(SyncMode mode, Instant startedAt) {
    return new SyncState(resource, mode, SyncStatus.SUCCEEDED, cursor, Optional.of(startedAt),
        lastBackfillAt, checkpoint, Optional.empty(), validator, lastTraffic, deletions);
  }

  /**
   * A copy recording a completed backfill.
   *
   * @param startedAt when the backfill started
   * @return the state
   */
  public SyncState backfillCompleted(Instant startedAt) {
    return new SyncState(resource, SyncMode.BACKFILL, status, cursor, lastSuccessAt,
        Optional.of(startedAt), Optional.empty(), lastError, validator, lastTraffic, deletions);
  }

  /**
   * A copy marking a failed run; cursor and checkpoint stay as committed.
   *
   * @param mode the run's mode
   * @param error a one-line description without secrets
   * @return the state
   */
  public SyncState failed(SyncMode mode, String error) {
    return new SyncState(resource, mode, SyncStatus.FAILED, cursor, lastSuccessAt, lastBackfillAt,
        checkpoint, Optional.of(error), validator, lastTraffic, deletions);
  }
}
