package io.syncline.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A record as the store holds it.
 *
 * @param resource the resource's name
 * @param id the record's id
 * @param json the record's JSON text as received
 * @param updatedAt the record's {@code updated_at}, if the resource has one
 * @param fetchedAt when the record was last fetched
 * @param syncedAt when the stored record last changed
 */
public record StoredRecord(
    String resource, String id, String json, Optional<Instant> updatedAt, Instant fetchedAt, Instant syncedAt) {
  /** Validates the components. */
  public StoredRecord {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(syncedAt, "syncedAt");
  }
}
