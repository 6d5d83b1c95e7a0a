package io.syncline.spi;

/**
 * What the end of an id sweep found and did: how many live records the resource had, how many of
 * them the sweep did not see (and that were not fetched or changed since the sweep started), and
 * whether those were marked deleted. Immutable and thread-safe.
 *
 * @param live the live records before the marks
 * @param unseen the live records the sweep did not see
 * @param applied true when the unseen records were marked deleted; false when they exceeded the
 *     allowed share and nothing was marked
 */
public record SweepOutcome(long live, long unseen, boolean applied) {
  /** Validates the counts. */
  public SweepOutcome {
    if (live < 0 || unseen < 0 || unseen > live) {
      throw new IllegalArgumentException("counts must satisfy 0 <= unseen <= live");
    }
  }

  /** @return the records marked deleted: {@code unseen} when applied, else 0 */
  public long marked() {
    return applied ? unseen : 0;
  }

  /**
   * Tells whether marking {@code unseen} of {@code live} records stays within a share.
   *
   * @param live the live records
   * @param unseen the records to mark
   * @param maxShare the largest share allowed, 0..1
   * @return true when {@code unseen <= maxShare * live}
   */
  public static boolean withinShare(long live, long unseen, double maxShare) {
    return unseen == 0 || unseen <= maxShare * live;
  }
}
