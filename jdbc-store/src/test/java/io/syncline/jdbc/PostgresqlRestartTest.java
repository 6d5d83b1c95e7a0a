package io.syncline.jdbc;

/** {@link DatabaseRestartTest} on a PostgreSQL cluster of the test's own. */
class PostgresqlRestartTest extends DatabaseRestartTest {
  @Override
  OwnServer startServer() throws Exception {
    return OwnPostgres.launch();
  }
}
