package io.syncline;

/** The kind of sync run. */
public enum SyncMode {
  /** A complete read of the resource (optionally limited by a date range), checkpointed per page. */
  BACKFILL,
  /** A read of the records new or changed since the stored cursor. */
  INCREMENTAL,
  /** An id sweep: every id listed, local records no longer listed marked deleted. */
  SWEEP,
  /** Nothing was run: local data was fresh. */
  NONE
}
