package io.syncline.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store contract on SQLite in a temporary file. Connections use a busy timeout and IMMEDIATE
 * transactions, the settings recommended for several writers on one SQLite file.
 */
class SqliteContractTest extends JdbcStoreContract {
  private static Path dir;

  @BeforeAll
  static void createFile() throws IOException {
    dir = Files.createTempDirectory("syncline-sqlite");
  }

  @AfterAll
  static void deleteFile() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  static Jdbi sqlite(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(30_000);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file);
    return Jdbi.create(ds);
  }

  @Override
  protected Jdbi newJdbi() {
    return sqlite(dir.resolve("store.db"));
  }

  @Override
  protected String tag() {
    return "lite";
  }
}
