package io.syncline.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.mariadb.jdbc.MariaDbDataSource;

/** The store contract on the MariaDB server at 127.0.0.1:3306 (user root, no password, database test). */
class MariadbContractTest extends JdbcStoreContract {

  static MariaDbDataSource dataSource() {
    try {
      return new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/test?user=root&connectTimeout=5000");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
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
    assumeTrue(reachable(), "MariaDB not reachable at 127.0.0.1:3306 (user root, database test) — "
        + "start it (.ci/run does) to run these tests; skipping");
  }

  @Override
  protected Jdbi newJdbi() {
    return Jdbi.create(dataSource());
  }

  @Override
  protected String tag() {
    return "maria";
  }
}
