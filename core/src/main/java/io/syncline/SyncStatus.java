package io.syncline;

/** The outcome of the last run recorded in a resource's {@link SyncState}. */
public enum SyncStatus {
  /** A run is in progress, or stopped without saying so (a crash); a checkpoint may resume it. */
  RUNNING,
  /** The last run completed. */
  SUCCEEDED,
  /** The last run failed; committed pages and the last checkpoint are intact. */
  FAILED
}
