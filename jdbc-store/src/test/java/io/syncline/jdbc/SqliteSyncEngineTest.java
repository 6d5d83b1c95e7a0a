package io.syncline.jdbc;

import io.syncline.spi.RecordStore;
import io.syncline.testing.SyncEngineScenarios;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;

/** Core's engine scenarios, unchanged, on the JDBC store over an SQLite file. */
class SqliteSyncEngineTest extends SyncEngineScenarios {
  @TempDir
  Path dir;

  @Override
  protected RecordStore newStore() {
    try {
      Path db = Files.createTempFile(dir, "engine", ".db");
      JdbcRecordStore store = JdbcRecordStore.builder(Jdbi.create("jdbc:sqlite:" + db)).build();
      store.migrate();
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
