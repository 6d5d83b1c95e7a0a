package io.syncline.jdbc;

/** Core's engine scenarios, unchanged, on the PostgreSQL server at 127.0.0.1:5432. */
class PostgresqlSyncEngineTest extends ServerSyncEngineTest {
  @Override
  protected TestServer server() {
    return TestServer.POSTGRESQL;
  }

  @Override
  protected String tag() {
    return "pg";
  }
}
