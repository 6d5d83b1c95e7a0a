package io.syncline.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One record as it crosses the SPIs: its id, its timestamp cursor value when the resource has
 * one, and its raw JSON text exactly as the source received it. The source extracts id and
 * timestamp while it parses (a timestamped resource's record whose timestamp is missing is handed
 * over {@linkplain #withoutTimestamp without one}, and the engine fails its page); the store writes
 * the text as it came. Immutable and thread-safe.
 */
public final class SourceRecord {
  private final String id;
  private final Instant updatedAt;
  private final String json;

  private SourceRecord(String id, Instant updatedAt, String json) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("record id must not be empty");
    }
    this.id = id;
    this.updatedAt = updatedAt;
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * A record with a timestamp cursor value.
   *
   * @param id the record's id, as text (numbers in decimal)
   * @param updatedAt the record's {@code updated_at}
   * @param json the record's JSON text
   * @return the record
   */
  public static SourceRecord of(String id, Instant updatedAt, String json) {
    return new SourceRecord(id, Objects.requireNonNull(updatedAt, "updatedAt"), json);
  }

  /**
   * A record of a resource without a timestamp (id-only).
   *
   * @param id the record's id
   * @param json the record's JSON text
   * @return the record
   */
  public static SourceRecord withoutTimestamp(String id, String json) {
    return new SourceRecord(id, null, json);
  }

  /** @return the record's id */
  public String id() {
    return id;
  }

  /** @return the record's {@code updated_at}, if the resource has one */
  public Optional<Instant> updatedAt() {
    return Optional.ofNullable(updatedAt);
  }

  /** @return the record's JSON text as received */
  public String json() {
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceRecord r && id.equals(r.id) && Objects.equals(updatedAt, r.updatedAt)
        && json.equals(r.json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, updatedAt, json);
  }

  @Override
  public String toString() {
    return "SourceRecord[id=" + id + (updatedAt != null ? ", updatedAt=" + updatedAt : "")
        + ", " + json.length() + " chars]";
  }
}
