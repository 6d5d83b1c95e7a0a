package io.syncline;

import java.util.Objects;
import java.util.Optional;

/**
 * A page held bad input: malformed JSON, a record without its id, a timestamp that does not
 * parse, records out of the requested order. The page is not stored and the checkpoint does not
 * move; fix the source (or the resource's configuration) and run the sync again.
 */
public class InvalidRecordException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String recordId;

  /**
   * Creates an exception.
   *
   * @param resource the resource's name
   * @param page the 1-based page within the run
   * @param field the offending field (or {@code "body"} when the page itself is malformed)
   * @param recordId the offending record's id, or null when unknown
   * @param problem what is wrong with it
   * @param cause the parse failure, may be null
   */
  public InvalidRecordException(String resource, long page, String field, String recordId,
      String problem, Throwable cause) {
    super(resource, page, "field '" + field + "'" + (recordId != null ? " of record " + recordId : "")
        + ": " + problem + "; the page was not stored and the checkpoint did not move", cause);
    this.field = Objects.requireNonNull(field, "field");
    this.recordId = recordId;
  }

  /** @return the offending field */
  public String field() {
    return field;
  }

  /** @return the offending record's id, when known */
  public Optional<String> recordId() {
    return Optional.ofNullable(recordId);
  }
}
