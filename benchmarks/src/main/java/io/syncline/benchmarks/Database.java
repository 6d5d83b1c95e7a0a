package io.syncline.benchmarks;

import io.syncline.jdbc.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.ConnectionPoolDataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.sqlite.javax.SQLiteConnectionPoolDataSource;

/**
 * The databases the benchmarks write to, each opened as a small connection pool (H2's
 * {@link JdbcConnectionPool} over the driver's own {@link ConnectionPoolDataSource}, so the
 * benchmarks need no pool library; an application would use HikariCP or similar).
 *
 * <p>The server databases are the ones on this machine: PostgreSQL at {@code 127.0.0.1:5432}
 * (user {@code postgres}, database {@code test}) and MariaDB at {@code 127.0.0.1:3306} (user
 * {@code root}, database {@code test}); H2 and SQLite are files under the run's work directory.
 * Both batching options that matter are the drivers' documented ones: PostgreSQL's
 * {@code reWriteBatchedInserts=true}; MariaDB's bulk statements are on by default.
 */
public enum Database {
  /** H2 in a file, embedded. */
  H2("H2 (file)", Dialect.H2),
  /** SQLite in a file, embedded, default journal. */
  SQLITE("SQLite (file)", Dialect.SQLITE),
  /** PostgreSQL on loopback. */
  POSTGRESQL("PostgreSQL", Dialect.POSTGRESQL),
  /** MariaDB on loopback. */
  MARIADB("MariaDB", Dialect.MARIADB);

  private final String label;
  private final Dialect dialect;

  Database(String label, Dialect dialect) {
    this.label = label;
    this.dialect = dialect;
  }

  /** @return a human name for the table */
  public String label() {
    return label;
  }

  /** @return the store dialect */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Opens a pool, or tells that the database cannot be reached.
   *
   * @param workDir where the embedded databases keep their files
   * @param name a file name for the embedded databases, so measurements do not share files
   * @return the pool, empty when the server is not reachable
   */
  public Optional<JdbcConnectionPool> open(Path workDir, String name) {
    ConnectionPoolDataSource source = switch (this) {
      case H2 -> {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + workDir.resolve("h2-" + name).toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        yield ds;
      }
      case SQLITE -> {
        SQLiteConnectionPoolDataSource ds = new SQLiteConnectionPoolDataSource();
        ds.setUrl("jdbc:sqlite:" + workDir.resolve("sqlite-" + name + ".db").toAbsolutePath());
        ds.setBusyTimeout(10_000);
        yield ds;
      }
      case POSTGRESQL -> {
        PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        ds.setUser("postgres");
        ds.setReWriteBatchedInserts(true);
        ds.setConnectTimeout(3);
        ds.setLoginTimeout(3);
        yield ds;
      }
      case MARIADB -> {
        try {
          MariaDbDataSource ds = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/test?connectTimeout=3000");
          ds.setUser("root");
          yield ds;
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    };
    JdbcConnectionPool pool = JdbcConnectionPool.create(source);
    pool.setMaxConnections(8);
    try (Connection c = pool.getConnection()) {
      c.isValid(3);
      return Optional.of(pool);
    } catch (SQLException | RuntimeException e) {
      pool.dispose();
      return Optional.empty();
    }
  }

  /**
   * Drops tables if they exist.
   *
   * @param pool the database
   * @param tables the tables' names
   */
  public static void dropTables(JdbcConnectionPool pool, String... tables) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      for (String t : tables) {
        s.execute("DROP TABLE IF EXISTS " + t);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("dropping " + String.join(", ", tables) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Drops the two tables of a Syncline store.
   *
   * @param pool the database
   * @param prefix the store's table prefix
   */
  public static void dropStore(JdbcConnectionPool pool, String prefix) {
    dropTables(pool, prefix + "sync_record", prefix + "sync_state");
  }
}
