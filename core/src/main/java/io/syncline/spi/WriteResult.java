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
 */
public record WriteResult(long inserted, long updated, long unchanged, long deleted) {

  /** Nothing written. */
  public static final WriteResult EMPTY = new WriteResult(0, 0, 0, 0);

  /** Validates the counts. */
  public WriteResult {
    if (inserted < 0 || updated < 0 || unchanged < 0 || deleted < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
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
    return new WriteResult(inserted, updated, unchanged, deleted + marked);
  }

  /**
   * Adds two results.
   *
   * @param other another result
   * @return the sum
   */
  public WriteResult plus(WriteResult other) {
    return new WriteResult(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged,
        deleted + other.deleted);
  }

  /** @return inserted + updated + unchanged: the records written (deletions not included) */
  public long total() {
    return inserted + updated + unchanged;
  }
}
