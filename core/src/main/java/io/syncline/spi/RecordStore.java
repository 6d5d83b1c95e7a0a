package io.syncline.spi;

import io.syncline.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where records go: a local database holding each resource's records and its {@link SyncState}.
 *
 * <p>Implementations must be thread-safe. The contract every implementation passes is the
 * {@code RecordStoreContract} test suite in the core test-jar.
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
   * Counts a resource's records.
   *
   * @param resource the resource's name
   * @return the number of records stored
   */
  long count(String resource);

  /**
   * Finds one record.
   *
   * @param resource the resource's name
   * @param id the record's id
   * @return the record, if stored
   */
  Optional<StoredRecord> find(String resource, String id);

  /**
   * Streams a resource's records in id order without loading them all; the caller closes the
   * stream.
   *
   * @param resource the resource's name
   * @return the records
   */
  Stream<StoredRecord> stream(String resource);
}
