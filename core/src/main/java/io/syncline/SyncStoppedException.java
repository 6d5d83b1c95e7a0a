package io.syncline;

/**
 * A run ended early because {@link SyncEngine#stop()} was called (the CLI does on Ctrl-C and
 * SIGTERM). Every page up to the one named is committed with its checkpoint and the lease is
 * released, so the next run resumes from the following page at once.
 */
public class SyncStoppedException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final long lastCommittedPage;

  /**
   * Creates an exception.
   *
   * @param resource the resource's name
   * @param lastCommittedPage the last page of the run that was committed, 0 when none was
   */
  public SyncStoppedException(String resource, long lastCommittedPage) {
    super(resource, lastCommittedPage, null, "Sync of resource '" + resource + "' stopped on request "
        + (lastCommittedPage > 0 ? "after committing page " + lastCommittedPage
            + "; committed pages and the checkpoint are kept and the lease released, the next run resumes from there"
            : "before committing a page; the lease is released"));
    this.lastCommittedPage = lastCommittedPage;
  }

  /** @return the last page of the run that was committed, 0 when none was */
  public long lastCommittedPage() {
    return lastCommittedPage;
  }
}
