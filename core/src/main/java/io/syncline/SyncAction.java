package io.syncline;

/** What the {@link FreshnessPolicy} advises for a resource. */
public enum SyncAction {
  /** Local data is fresh: serve it. */
  USE_LOCAL,
  /** Local data exists but is stale: run a delta. */
  INCREMENTAL,
  /** There is no complete local copy (or an id-only resource is due a full refresh): backfill. */
  BACKFILL
}
