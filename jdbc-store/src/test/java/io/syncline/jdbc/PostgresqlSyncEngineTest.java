package io.syncline.jdbc;

import org.jdbi.v3.core.Jdbi;

/** Core's engine scenarios, unchanged, on the PostgreSQL server at 127.0.0.1:5432. */
class PostgresqlSyncEngineTest extends ServerSyncEngineTest {
  private static final boolean REACHABLE = PostgresqlContractTest.reachable();

  @Override
  protected boolean reachable() {
    return REACHABLE;
  }

  @Override
  protected String unreachableMessage() {
    return "PostgreSQL not reachable at 127.0.0.1:5432 (user postgres, database test) — "
        + "start it (.ci/run does) to run these tests; skipping";
  }

  @Override
  protected Jdbi newJdbi() {
    return Jdbi.create(PostgresqlContractTest.dataSource());
  }

  @Override
  protected String tag() {
    return "pg";
  }
}
