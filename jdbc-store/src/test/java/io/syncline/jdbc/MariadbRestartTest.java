package io.syncline.jdbc;

import io.syncline.jdbc.testing.OwnMariadb;
import io.syncline.jdbc.testing.OwnServer;

/** {@link DatabaseRestartTest} on a MariaDB server of the test's own. */
class MariadbRestartTest extends DatabaseRestartTest {
  @Override
  OwnServer startServer() throws Exception {
    return OwnMariadb.launch();
  }
}
