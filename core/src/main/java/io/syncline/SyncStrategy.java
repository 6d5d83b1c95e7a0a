package io.syncline;

/**
 * How a resource is read incrementally.
 *
 * <p>A resource with a timestamp cursor field uses {@link #TIMESTAMP_THEN_ID}; one without uses
 * {@link #ID_ONLY}. {@link Resource} chooses the strategy from its configuration.
 */
public enum SyncStrategy {
  /**
   * Timestamp-first: the cursor is the pair ({@code updated_at}, {@code id}) of the last record
   * stored, and records are read in that order. A run of records sharing one {@code updated_at}
   * is never cut in two: the id breaks the tie, so a run longer than a page resumes exactly where
   * it stopped. Sees new and changed records.
   */
  TIMESTAMP_THEN_ID,

  /**
   * Id fallback: the cursor is the last id stored and records are read with {@code id > last_id}
   * (numeric ids compared as numbers). This sees new records only: edits to records already
   * stored are invisible to it, so an id-only resource also gets a periodic full refresh (a
   * backfill every {@link Resource#fullRefreshInterval()}), decided by the {@link FreshnessPolicy}.
   */
  ID_ONLY
}
