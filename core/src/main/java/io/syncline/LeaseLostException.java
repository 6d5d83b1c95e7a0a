package io.syncline;

/**
 * A page write was refused because the writer no longer holds the resource's lease: it expired
 * and another instance took it over. Nothing of the page was stored; the other instance carries
 * on. If pages take longer than the lease, raise {@link SyncEngine.Builder#leaseDuration}.
 */
public class LeaseLostException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final String owner;

  /**
   * Creates an exception.
   *
   * @param resource the resource's name
   * @param owner the writer that lost the lease
   */
  public LeaseLostException(String resource, String owner) {
    super(resource, 0, "instance '" + owner + "' no longer holds the resource's lease (it expired and "
        + "another instance took it over); this page was not stored, and the other instance continues. "
        + "Raise leaseDuration if pages take longer than the lease", null);
    this.owner = owner;
  }

  /** @return the writer that lost the lease */
  public String owner() {
    return owner;
  }
}
