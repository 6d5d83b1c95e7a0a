package io.syncline.jdbc;

import org.jdbi.v3.core.Jdbi;

/** Core's engine scenarios, unchanged, on the MariaDB server at 127.0.0.1:3306. */
class MariadbSyncEngineTest extends ServerSyncEngineTest {
  private static final boolean REACHABLE = MariadbContractTest.reachable();

  @Override
  protected boolean reachable() {
    return REACHABLE;
  }

  @Override
  protected String unreachableMessage() {
    return "MariaDB not reachable at 127.0.0.1:3306 (user root, database test) — "
        + "start it (.ci/run does) to run these tests; skipping";
  }

  @Override
  protected Jdbi newJdbi() {
    return Jdbi.create(MariadbContractTest.dataSource());
  }

  @Override
  protected String tag() {
    return "maria";
  }
}
