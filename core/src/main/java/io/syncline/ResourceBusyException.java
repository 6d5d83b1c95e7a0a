package io.syncline;

import java.time.Instant;

/**
 * Another instance holds the resource's lease and is syncing it; try again after the lease
 * expires or the other sync ends. Local data can be served meanwhile.
 */
public class ResourceBusyException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final String holder;
  private final Instant expiresAt;

  /**
   * Creates an exception.
   *
   * @param resource the resource's name
   * @param holder the lease holder's id, or "unknown"
   * @param expiresAt when the holder's lease expires, or null when unknown
   */
  public ResourceBusyException(String resource, String holder, Instant expiresAt) {
    super(resource, 0, "another instance (" + holder + ") is syncing it"
        + (expiresAt != null ? " until at least " + expiresAt : "")
        + "; try again later or serve local data", null);
    this.holder = holder;
    this.expiresAt = expiresAt;
  }

  /** @return the lease holder's id */
  public String holder() {
    return holder;
  }

  /** @return when the holder's lease expires, or null when unknown */
  public Instant expiresAt() {
    return expiresAt;
  }
}
