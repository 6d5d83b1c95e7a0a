package io.syncline.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/** The store contract on the PostgreSQL server at 127.0.0.1:5432 (user postgres, database test). */
class PostgresqlContractTest extends JdbcStoreContract {

  static PGSimpleDataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {5432});
    ds.setDatabaseName("test");
    ds.setUser("postgres");
    ds.setConnectTimeout(5);
    return ds;
  }

  static boolean reachable() {
    try (Connection c = dataSource().getConnection()) {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  @BeforeAll
  static void requireServer() {
    assumeTrue(reachable(), "PostgreSQL not reachable at 127.0.0.1:5432 (user postgres, database test) — "
        + "start it (.ci/run does) to run these tests; skipping");
  }

  @Override
  protected Jdbi newJdbi() {
    return Jdbi.create(dataSource());
  }

  @Override
  protected String tag() {
    return "pg";
  }
}
