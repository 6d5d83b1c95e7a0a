package io.syncline.spi;

/**
 * What an upsert did.
 *
 * @param inserted records that were new
 * @param updated records that replaced an older stored version
 * @param unchanged records already stored as they are (or older than the stored version, which
 *     is kept)
 */
public record WriteResult(long inserted, long updated, long unchanged) {

  /** Nothing written. */
  public static final WriteResult EMPTY = new WriteResult(0, 0, 0);

  /** Validates the counts. */
  public WriteResult {
    if (inserted < 0 || updated < 0 || unchanged < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /**
   * Adds two results.
   *
   * @param other another result
   * @return the sum
   */
  public WriteResult plus(WriteResult other) {
    return new WriteResult(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged);
  }

  /** @return inserted + updated + unchanged */
  public long total() {
    return inserted + updated + unchanged;
  }
}
