package io.syncline.spi;

import io.syncline.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where records go: a local database holding each resource's records and its {@link SyncState}.
 *
 * <p>Implementations must be thread-safe. The contract every implementation passes is the
 * {@code RecordStoreContract} test suite in the core test-jar.
 *
 * <p>Deletions: a record can be marked deleted ({@code deleted_at}) rather than removed, through a
 * {@link PageWrite#deletions()} or an id sweep ({@link #noteSwept}, {@link #finishSweep}). Reads
 * return live records unless asked for {@link Visibility#ALL}. A marked record written again with
 * a version not older than the stored one is live again, except the very version a page writes
 * and marks deleted itself (a soft-delete field read again): that counts as unchanged, not as
 * updated and deleted once more.
 *
 * <p>Rejected records: the records of a page set aside ({@link PageWrite#rejected()}, for a
 * resource with {@link io.syncline.InvalidRecords#SET_ASIDE}) are kept in the same transaction as
 * the page, apart from the resource's records, until {@link #clearRejected} removes them; they are
 * read with {@link #countRejected} and {@link #rejected}.
 */
public interface RecordStore {

  /**
   * Upserts a page's records and stores the resource's new state in one transaction: both commit
   * or neither does. The upsert is idempotent (writing the same page twice leaves the same rows,
   * only {@code fetched_at} moves) and never regresses (a record whose {@code updated_at} is older
   * than the stored one does not overwrite it; it counts as unchanged). When the write carries a
   * lease, the page commits only if that owner still holds the resource's lease, checked in the
   * same transaction, so an instance whose lease was taken over can never commit again.
   *
   * <p>The write's {@linkplain PageWrite#rejected() records set aside} are stored as rejected
   * records in the same transaction (those without a time stamped with the write's
   * {@code fetchedAt}) and counted in {@link WriteResult#rejected()}. A record whose exact text is
   * already kept for the resource is not stored again (it still counts in the result): a bad
   * record re-read by every run is kept once, with the page and time it was first set aside.
   *
   * @param write the page and the state after it
   * @return what the upsert did
   * @throws io.syncline.LeaseLostException when the write's lease is no longer held by its owner;
   *     nothing of the page is stored
   */
  WriteResult write(PageWrite write);

  /**
   * Reads a resource's state.
   *
   * @param resource the resource's name
   * @return the state, empty when the resource was never synced
   */
  Optional<SyncState> state(String resource);

  /**
   * Stores a resource's state without records (used to record a failure).
   *
   * @param state the state
   */
  void saveState(SyncState state);

  /**
   * Takes the resource's lease if nobody holds it or the holder's lease expired, atomically.
   *
   * @param resource the resource's name
   * @param owner the caller's id
   * @param now the current time
   * @param duration how long the lease lasts unless renewed
   * @return the lease, empty when another owner holds an unexpired lease
   */
  Optional<Lease> tryAcquireLease(String resource, String owner, Instant now, Duration duration);

  /**
   * Extends a lease the caller still holds.
   *
   * @param lease the lease held
   * @param now the current time
   * @param duration the new duration from {@code now}
   * @return the renewed lease, empty when the lease was lost (expired and taken over)
   */
  Optional<Lease> renewLease(Lease lease, Instant now, Duration duration);

  /**
   * Releases a lease if the caller still holds it; does nothing otherwise.
   *
   * @param lease the lease
   */
  void releaseLease(Lease lease);

  /**
   * Reads who holds a resource's lease.
   *
   * @param resource the resource's name
   * @param now the current time
   * @return the unexpired lease, if any
   */
  Optional<Lease> currentLease(String resource, Instant now);

  /**
   * Counts a resource's live records (not marked deleted).
   *
   * @param resource the resource's name
   * @return the number of live records stored
   */
  default long count(String resource) {
    return count(resource, Visibility.LIVE);
  }

  /**
   * Counts a resource's records.
   *
   * @param resource the resource's name
   * @param visibility live records only, or all
   * @return the number of records stored
   */
  long count(String resource, Visibility visibility);

  /**
   * Finds one live record.
   *
   * @param resource the resource's name
   * @param id the record's id
   * @return the record, if stored and not marked deleted
   */
  default Optional<StoredRecord> find(String resource, String id) {
    return find(resource, id, Visibility.LIVE);
  }

  /**
   * Finds one record.
   *
   * @param resource the resource's name
   * @param id the record's id
   * @param visibility live records only, or all
   * @return the record, if stored (and live, unless {@link Visibility#ALL})
   */
  Optional<StoredRecord> find(String resource, String id, Visibility visibility);

  /**
   * Streams a resource's live records in id order without loading them all; the caller closes
   * the stream.
   *
   * @param resource the resource's name
   * @return the records
   */
  default Stream<StoredRecord> stream(String resource) {
    return stream(resource, Visibility.LIVE);
  }

  /**
   * Streams a resource's records in id order without loading them all; the caller closes the
   * stream.
   *
   * @param resource the resource's name
   * @param visibility live records only, or all
   * @return the records
   */
  Stream<StoredRecord> stream(String resource, Visibility visibility);

  /**
   * Notes that an id sweep started at {@code sweepStart} saw these ids listed by the source. Ids
   * not stored are ignored. Memory does not grow with the resource: the store keeps the marks.
   *
   * @param resource the resource's name
   * @param ids ids the sweep listed
   * @param sweepStart when the sweep started (identifies the sweep)
   */
  void noteSwept(String resource, Collection<String> ids, Instant sweepStart);

  /**
   * Ends an id sweep that listed every id, in one transaction: the live records the sweep did not
   * see, and that were neither fetched nor changed since {@code sweepStart} (created or edited
   * while it ran), are marked deleted at {@code deletedAt}, unless they are more than
   * {@code maxShare} of the live records; then nothing is marked. A sweep that fails or stops
   * midway never calls this, so it marks nothing.
   *
   * @param resource the resource's name
   * @param sweepStart when the sweep started, as given to {@link #noteSwept}
   * @param deletedAt the deletion time to store
   * @param maxShare the largest share of live records the sweep may mark, 0..1
   * @return the counts, and whether the marks were applied
   */
  SweepOutcome finishSweep(String resource, Instant sweepStart, Instant deletedAt, double maxShare);

  /**
   * Removes the records marked deleted before a time (retention of deletion marks).
   *
   * @param resource the resource's name
   * @param deletedBefore records whose {@code deleted_at} is before this go
   * @return the records removed
   */
  long purgeDeleted(String resource, Instant deletedBefore);

  /**
   * Counts a resource's rejected records (see {@link PageWrite#rejected()}), each distinct text
   * once.
   *
   * @param resource the resource's name
   * @return how many records are set aside and not yet cleared
   */
  long countRejected(String resource);

  /**
   * Reads a resource's rejected records, oldest first (by the time they were set aside, then in
   * the order they were written), at most {@code limit} of them.
   *
   * @param resource the resource's name
   * @param limit the most records returned, 1 or more
   * @return the records, each with {@link RejectedRecord#rejectedAt()} present
   * @throws IllegalArgumentException when {@code limit} is less than 1
   */
  List<RejectedRecord> rejected(String resource, int limit);

  /**
   * Removes all of a resource's rejected records, for instance once they were looked at or the
   * source was fixed and the records synced again.
   *
   * @param resource the resource's name
   * @return how many records were removed
   */
  long clearRejected(String resource);
}
