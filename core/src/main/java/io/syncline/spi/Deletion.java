package io.syncline.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A record the source says is gone: its id and when it was deleted. A store marks the record
 * deleted only if the version it holds is not newer than the deletion ({@code updated_at} at or
 * before {@code deletedAt}, or no {@code updated_at}): a record recreated or edited after the
 * deletion stays live. Immutable and thread-safe.
 *
 * @param id the record's id
 * @param deletedAt when the record was deleted
 */
public record Deletion(String id, Instant deletedAt) {
  /** Validates the components. */
  public Deletion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(deletedAt, "deletedAt");
  }
}
