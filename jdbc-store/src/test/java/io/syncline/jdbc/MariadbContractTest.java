package io.syncline.jdbc;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on the MariaDB server at 127.0.0.1:3306 (user root, no password, database test). */
class MariadbContractTest extends JdbcStoreContract {

  @BeforeAll
  static void requireServer() {
    TestServer.MARIADB.assumeReachable();
  }

  @Override
  protected Jdbi newJdbi() {
    return TestServer.MARIADB.jdbi();
  }

  @Override
  protected String tag() {
    return "maria";
  }
}
