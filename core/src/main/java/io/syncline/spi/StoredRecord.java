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
 * @param deletedAt when the record was deleted, for a record marked deleted (read only when asked
 *     for with {@link Visibility#ALL})
 */
public record StoredRecord(String resource, String id, String json, Optional<Instant> updatedAt, Instant fetchedAt,
    Instant syncedAt, Optional<Instant> deletedAt) {
  /** Validates the components. */
  public StoredRecord {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(syncedAt, "syncedAt");
    Objects.requireNonNull(deletedAt, "deletedAt");
  }

  /**
   * A live record.
   *
   * @param resource the resource's name
   * @param id the record's id
   * @param json the record's JSON text as received
   * @param updatedAt the record's {@code updated_at}, if the resource has one
   * @param fetchedAt when the record was last fetched
   * @param syncedAt when the stored record last changed
   */
  public StoredRecord(
      String resource, String id, String json, Optional<Instant> updatedAt, Instant fetchedAt, Instant syncedAt) {
    this(resource, id, json, updatedAt, fetchedAt, syncedAt, Optional.empty());
  }

  /** @return true when the record is marked deleted */
  public boolean deleted() {
    return deletedAt.isPresent();
  }
}
