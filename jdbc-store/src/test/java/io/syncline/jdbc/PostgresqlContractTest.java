package io.syncline.jdbc;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on the PostgreSQL server at 127.0.0.1:5432 (user postgres, database test). */
class PostgresqlContractTest extends JdbcStoreContract {

  @BeforeAll
  static void requireServer() {
    TestServer.POSTGRESQL.assumeReachable();
  }

  @Override
  protected Jdbi newJdbi() {
    return TestServer.POSTGRESQL.jdbi();
  }

  @Override
  protected String tag() {
    return "pg";
  }
}
