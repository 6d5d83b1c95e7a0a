package io.syncline.spi;

/**
 * What an upsert did.
 *
 * @param inserted records that were new
 * @param updated records that replaced an older stored version
 * @param unchanged records already stored as they are (or older than the stored version, which
 *     is kept)
 * @param deleted live records marked deleted (by a soft-delete field, a deletion feed or a sweep);
 *     a deleted record written again with a version not older than the stored one becomes live
 *     again and counts as updated
 * @param rejected records set aside as rejected records (see
 *     {@link io.syncline.InvalidRecords#SET_ASIDE}) instead of being stored
 */
public record WriteResult(long inserted, long updated, long unchanged, long deleted, long rejected) {

  /** Nothing written. */
  public static final WriteResult EMPTY = new WriteResult(0, 0, 0, 0, 0);

  /** Validates the counts. */
  public WriteResult {
    if (inserted < 0 || updated < 0 || unchanged < 0 || deleted < 0 || rejected < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /**
   * A result without records set aside.
   *
   * @param inserted records that were new
   * @param updated records that replaced an older stored version
   * @param unchanged records already stored as they are
   * @param deleted live records marked deleted
   */
  public WriteResult(long inserted, long updated, long unchanged, long deleted) {
    this(inserted, updated, unchanged, deleted, 0);
  }

  /**
   * A result without deletions.
   *
   * @param inserted records that were new
   * @param updated records that replaced an older stored version
   * @param unchanged records already stored as they are
   */
  public WriteResult(long inserted, long updated, long unchanged) {
    this(inserted, updated, unchanged, 0);
  }

  /**
   * Adds deletions to this result.
   *
   * @param marked records marked deleted
   * @return a result with {@code deleted} grown by {@code marked}
   */
  public WriteResult plusDeleted(long marked) {
    return new WriteResult(inserted, updated, unchanged, deleted + marked, rejected);
  }

  /**
   * Adds two results.
   *
   * @param other another result
   * @return the sum
   */
  public WriteResult plus(WriteResult other) {
    return new WriteResult(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged,
        deleted + other.deleted, rejected + other.rejected);
  }

  /**
   * Adds records set aside to this result.
   *
   * @param aside records stored as rejected
   * @return a result with {@code rejected} grown by {@code aside}
   */
  public WriteResult plusRejected(long aside) {
    return new WriteResult(inserted, updated, unchanged, deleted, rejected + aside);
  }

  /** @return inserted + updated + unchanged: the records written (deletions and rejected records not included) */
  public long total() {
    return inserted + updated + unchanged;
  }
}
