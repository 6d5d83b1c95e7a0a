package io.syncline.spi;

import io.syncline.Resource;
import io.syncline.SyncState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One page to commit: its records and the resource's state after it, written in one transaction.
 *
 * @param resource the resource
 * @param records the records to upsert, possibly none
 * @param state the state to store with them (cursor, checkpoint, status)
 * @param fetchedAt when the page was fetched; stored as {@code fetched_at} on every record and as
 *     {@code synced_at} on records inserted or changed
 */
public record PageWrite(Resource resource, List<SourceRecord> records, SyncState state, Instant fetchedAt) {

  /** Validates and copies the components. */
  public PageWrite {
    Objects.requireNonNull(resource, "resource");
    records = List.copyOf(records);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    if (!state.resource().equals(resource.name())) {
      throw new IllegalArgumentException(
          "State of " + state.resource() + " written with records of " + resource.name());
    }
  }
}
