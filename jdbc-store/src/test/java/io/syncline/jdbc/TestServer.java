package io.syncline.jdbc;

import io.syncline.testing.CiAssumptions;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database servers the store tests run against, as this machine (and {@code .ci/run}) provides
 * them. A test that needs one calls {@link #assumeReachable()}: without the server it is reported
 * as skipped with a message saying what to start, never as passed, and under {@code CI=true} it
 * fails.
 */
enum TestServer {
  /** PostgreSQL at 127.0.0.1:5432, user postgres (trust), database test. */
  POSTGRESQL("PostgreSQL not reachable at 127.0.0.1:5432 (user postgres, database test)") {
    @Override
    DataSource dataSource() {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setServerNames(new String[] {"127.0.0.1"});
      ds.setPortNumbers(new int[] {5432});
      ds.setDatabaseName("test");
      ds.setUser("postgres");
      ds.setConnectTimeout(5);
      return ds;
    }
  },
  /** MariaDB at 127.0.0.1:3306, user root without password, database test. */
  MARIADB("MariaDB not reachable at 127.0.0.1:3306 (user root, database test)") {
    @Override
    DataSource dataSource() {
      try {
        return new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/test?user=root&connectTimeout=5000");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  private final String unreachable;
  private volatile Boolean reachable;

  TestServer(String unreachable) {
    this.unreachable = unreachable;
  }

  /** @return a new data source on the server */
  abstract DataSource dataSource();

  /** @return a new Jdbi on the server */
  Jdbi jdbi() {
    return Jdbi.create(dataSource());
  }

  /** @return whether the server answers (asked once per test run) */
  boolean reachable() {
    Boolean known = reachable;
    if (known == null) {
      try (Connection c = dataSource().getConnection()) {
        known = c.isValid(5);
      } catch (SQLException e) {
        known = false;
      }
      reachable = known;
    }
    return known;
  }

  /**
   * Skips the calling test, saying what to start, when the server does not answer; fails it
   * instead when {@code CI=true}.
   */
  void assumeReachable() {
    CiAssumptions.assumeAvailable(reachable(), unreachable + " — start it (.ci/run does) to run this test");
  }
}
