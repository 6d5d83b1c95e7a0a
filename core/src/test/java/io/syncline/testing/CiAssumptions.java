package io.syncline.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Assumptions about services outside the JVM (a database server, a tool on the PATH): outside CI a
 * test whose service is missing is skipped with a message saying what to start; with the
 * environment variable {@code CI=true} it fails instead, so that a service that did not come up
 * cannot turn its tests into silent skips.
 */
public final class CiAssumptions {
  private CiAssumptions() {}

  /** @return whether the environment variable {@code CI} is {@code true} */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Skips the calling test (or fails it under CI) when a service it needs is missing.
   *
   * @param available whether the service is there
   * @param missing what is missing and how to provide it, e.g. "PostgreSQL not reachable at
   *     127.0.0.1:5432 (start it with pg_ctlcluster)"
   */
  public static void assumeAvailable(boolean available, String missing) {
    if (available) {
      return;
    }
    if (inCi()) {
      fail(missing + " — CI=true, so this fails instead of skipping");
    }
    assumeTrue(false, missing + "; skipping");
  }
}
