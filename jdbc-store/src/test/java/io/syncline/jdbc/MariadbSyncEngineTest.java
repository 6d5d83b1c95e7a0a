package io.syncline.jdbc;

/** Core's engine scenarios, unchanged, on the MariaDB server at 127.0.0.1:3306. */
class MariadbSyncEngineTest extends ServerSyncEngineTest {
  @Override
  protected TestServer server() {
    return TestServer.MARIADB;
  }

  @Override
  protected String tag() {
    return "maria";
  }
}
