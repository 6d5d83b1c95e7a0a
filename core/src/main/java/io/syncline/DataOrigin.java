package io.syncline;

/** Where the data of a {@link LocalRead} came from. */
public enum DataOrigin {
  /** Local data, fresh by the policy; no sync ran. */
  LOCAL,
  /** Local data right after an incremental sync. */
  AFTER_INCREMENTAL,
  /** Local data right after a backfill. */
  AFTER_BACKFILL,
  /** Stale local data: the sync failed (see {@link LocalRead#error()}). */
  STALE_AFTER_FAILURE,
  /** Local data, possibly stale: another instance holds the resource's lease and is syncing it. */
  LOCAL_WHILE_BUSY
}
