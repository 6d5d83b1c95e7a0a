package io.syncline.jdbc;

/** {@link DatabaseRestartTest} on a MariaDB server of the test's own. */
class MariadbRestartTest extends DatabaseRestartTest {
  @Override
  OwnServer startServer() throws Exception {
    return OwnMariadb.launch();
  }
}
