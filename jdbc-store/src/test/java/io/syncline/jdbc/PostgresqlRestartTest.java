package io.syncline.jdbc;

import io.syncline.jdbc.testing.OwnPostgres;
import io.syncline.jdbc.testing.OwnServer;

/** {@link DatabaseRestartTest} on a PostgreSQL cluster of the test's own. */
class PostgresqlRestartTest extends DatabaseRestartTest {
  @Override
  OwnServer startServer() throws Exception {
    return OwnPostgres.launch();
  }
}
