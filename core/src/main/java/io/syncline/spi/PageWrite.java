package io.syncline.spi;

import io.syncline.Resource;
import io.syncline.SyncState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page to commit: its records and the resource's state after it, written in one transaction.
 *
 * @param resource the resource
 * @param records the records to upsert, possibly none
 * @param state the state to store with them (cursor, checkpoint, status)
 * @param fetchedAt when the page was fetched; stored as {@code fetched_at} on every record and as
 *     {@code synced_at} on records inserted or changed
 * @param lease the lease the writer holds, if any: the store then commits the page only while that
 *     owner still holds the resource's lease (fencing), and refuses it with
 *     {@link io.syncline.LeaseLostException} once another instance has taken the lease over
 * @param deletions records to mark deleted in the same transaction, after the records are written
 *     (a soft-deleted record in the page, or a page of a deletion feed); possibly none
 * @param rejected records of the page set aside (see {@link io.syncline.InvalidRecords#SET_ASIDE}),
 *     stored as rejected records in the same transaction, those without a time stamped with
 *     {@code fetchedAt}; possibly none
 */
public record PageWrite(Resource resource, List<SourceRecord> records, SyncState state, Instant fetchedAt,
    Optional<Lease> lease, List<Deletion> deletions, List<RejectedRecord> rejected) {

  /** Validates and copies the components. */
  public PageWrite {
    Objects.requireNonNull(resource, "resource");
    records = List.copyOf(records);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(lease, "lease");
    deletions = List.copyOf(deletions);
    rejected = List.copyOf(rejected);
    for (RejectedRecord r : rejected) {
      if (!r.resource().equals(resource.name())) {
        throw new IllegalArgumentException(
            "Rejected record of " + r.resource() + " written with records of " + resource.name());
      }
    }
    if (lease.isPresent() && !lease.get().resource().equals(resource.name())) {
      throw new IllegalArgumentException(
          "Lease of " + lease.get().resource() + " used to write records of " + resource.name());
    }
    if (!state.resource().equals(resource.name())) {
      throw new IllegalArgumentException(
          "State of " + state.resource() + " written with records of " + resource.name());
    }
  }

  /**
   * A page without records set aside.
   *
   * @param resource the resource
   * @param records the records to upsert, possibly none
   * @param state the state to store with them
   * @param fetchedAt when the page was fetched
   * @param lease the lease the writer holds, if any
   * @param deletions records to mark deleted, possibly none
   */
  public PageWrite(Resource resource, List<SourceRecord> records, SyncState state, Instant fetchedAt,
      Optional<Lease> lease, List<Deletion> deletions) {
    this(resource, records, state, fetchedAt, lease, deletions, List.of());
  }

  /**
   * A copy that also stores these records set aside.
   *
   * @param aside the records set aside, possibly none
   * @return the write
   */
  public PageWrite withRejected(List<RejectedRecord> aside) {
    return new PageWrite(resource, records, state, fetchedAt, lease, deletions, aside);
  }

  /**
   * A page without deletions.
   *
   * @param resource the resource
   * @param records the records to upsert, possibly none
   * @param state the state to store with them
   * @param fetchedAt when the page was fetched
   * @param lease the lease the writer holds, if any
   */
  public PageWrite(Resource resource, List<SourceRecord> records, SyncState state, Instant fetchedAt,
      Optional<Lease> lease) {
    this(resource, records, state, fetchedAt, lease, List.of());
  }

  /**
   * A page written without a lease (no fencing).
   *
   * @param resource the resource
   * @param records the records to upsert, possibly none
   * @param state the state to store with them
   * @param fetchedAt when the page was fetched
   */
  public PageWrite(Resource resource, List<SourceRecord> records, SyncState state, Instant fetchedAt) {
    this(resource, records, state, fetchedAt, Optional.empty(), List.of());
  }
}
