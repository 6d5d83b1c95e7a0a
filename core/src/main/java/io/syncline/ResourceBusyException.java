package io.syncline;

import java.time.Instant;
import java.util.Optional;

/**
 * Another instance holds the resource's lease and is syncing it; try again after the lease
 * expires or the other sync ends, wait for it ({@link SyncEngine.Builder#waitForLease}), or serve
 * local data meanwhile. The message says who holds it, from which host and until when;
 * {@link SyncEngine#syncAll()} reports it as a skipped resource, not a failure.
 */
public class ResourceBusyException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final String holder;
  private final Instant expiresAt;

  /**
   * Creates an exception.
   *
   * @param resource the resource's name
   * @param holder the lease holder's id (its stored owner string), or "unknown"
   * @param expiresAt when the holder's lease expires, or null when unknown
   */
  public ResourceBusyException(String resource, String holder, Instant expiresAt) {
    super(resource, 0, "another instance (" + describe(holder) + ") is syncing it"
        + (expiresAt != null ? "; its lease runs until " + expiresAt : "")
        + "; try again later, wait for the lease, or serve local data", null);
    this.holder = holder;
    this.expiresAt = expiresAt;
  }

  private static String describe(String holder) {
    return LeaseOwner.parse(holder).map(o -> o.describe() + ", lease owner " + holder)
        .orElse(holder + ", host unknown");
  }

  /** @return the lease holder's id, as stored */
  public String holder() {
    return holder;
  }

  /** @return the holder's host and process, when its id names them */
  public Optional<LeaseOwner> holderOwner() {
    return LeaseOwner.parse(holder);
  }

  /** @return when the holder's lease expires, or null when unknown */
  public Instant expiresAt() {
    return expiresAt;
  }
}
