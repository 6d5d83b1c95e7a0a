package io.syncline;

/**
 * What a run does with a record it cannot use: one without its id, a timestamped resource's
 * record whose timestamp is missing or does not parse, an entry of the records array that is not
 * a JSON object. A page whose body itself is malformed is never a record problem: it fails (and
 * is retried) whatever this says.
 *
 * <p>Set per resource with {@link Resource.Builder#invalidRecords}; {@link #FAIL} is the default.
 */
public enum InvalidRecords {
  /**
   * The page fails with {@link InvalidRecordException}: nothing of it is stored and the cursor
   * does not move, so every later run fails on the same page until the source is fixed. The
   * default.
   */
  FAIL,

  /**
   * The record is set aside: its raw text, the resource, the page, the field and the reason go to
   * the store's rejected records ({@link io.syncline.spi.RecordStore#rejected}) in the same
   * transaction as the page's good records and its checkpoint, the run counts it
   * ({@link SyncResult#rejected()}) and goes on.
   */
  SET_ASIDE
}
