package io.syncline.spi;

import io.syncline.Resource;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A record set aside instead of stored, because the run could not use it (no id, a timestamp
 * missing or unparsable, an entry that is not a JSON object), for a resource that opted in with
 * {@link io.syncline.InvalidRecords#SET_ASIDE}. A source sets it aside in its {@link Page}; the
 * engine passes it with the page's {@link PageWrite}; the store keeps it with the page, in the same
 * transaction, until {@link RecordStore#clearRejected} is called.
 *
 * <p>The payload is the record's raw text as the source sent it and may hold secrets:
 * {@link #toString()} shows its length only, and no exception message or log carries it.
 * Immutable and thread-safe.
 *
 * @param resource the resource's name
 * @param page the 1-based page of the run that held the record
 * @param field the offending field ({@code "record"} when the entry as a whole is unusable)
 * @param reason what is wrong with it, without the record's content
 * @param id the record's id, when it has a usable one
 * @param payload the record's raw JSON text (an entry that is not an object: its JSON text)
 * @param rejectedAt when the record was set aside; empty when a source sets it aside, the store
 *     then stamps the page's fetch time ({@link PageWrite#fetchedAt()}); present when read back
 */
public record RejectedRecord(String resource, long page, String field, String reason, Optional<String> id,
    String payload, Optional<Instant> rejectedAt) {

  /** Validates the components. */
  public RejectedRecord {
    Resource.validateName(resource);
    if (page < 1) {
      throw new IllegalArgumentException("page must be 1 or more: " + page);
    }
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(rejectedAt, "rejectedAt");
  }

  /**
   * A record set aside by a source or the engine, not yet stamped.
   *
   * @param resource the resource's name
   * @param page the 1-based page of the run
   * @param field the offending field
   * @param reason what is wrong with it
   * @param id the record's id, or null when it has none
   * @param payload the record's raw text
   * @return the rejected record
   */
  public static RejectedRecord of(String resource, long page, String field, String reason, String id,
      String payload) {
    return new RejectedRecord(resource, page, field, reason, Optional.ofNullable(id), payload, Optional.empty());
  }

  /**
   * A copy stamped with the time it was set aside.
   *
   * @param at the time
   * @return the stamped record
   */
  public RejectedRecord at(Instant at) {
    return new RejectedRecord(resource, page, field, reason, id, payload, Optional.of(at));
  }

  /** @return the components without the payload's content, which may hold secrets */
  @Override
  public String toString() {
    return "RejectedRecord[resource=" + resource + ", page=" + page + ", field=" + field
        + id.map(i -> ", id=" + i).orElse("") + ", reason=" + reason + ", payload=<" + payload.length()
        + " chars>" + rejectedAt.map(a -> ", rejectedAt=" + a).orElse("") + "]";
  }
}
