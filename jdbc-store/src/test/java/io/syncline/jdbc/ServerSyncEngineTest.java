package io.syncline.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.syncline.spi.RecordStore;
import io.syncline.testing.SyncEngineScenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;

/**
 * Core's engine scenarios, unchanged, on a database server: every test gets its own table prefix
 * and its tables are dropped afterwards. When the server is unreachable each test is reported as
 * skipped with a message saying which server to start, never as passed.
 */
abstract class ServerSyncEngineTest extends SyncEngineScenarios {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final List<JdbcRecordStore> created = new ArrayList<>();

  /** @return whether the server answers */
  protected abstract boolean reachable();

  /** @return what to tell the reader when the server does not answer */
  protected abstract String unreachableMessage();

  /** @return a new Jdbi on the server */
  protected abstract Jdbi newJdbi();

  /** @return a short tag for table prefixes */
  protected abstract String tag();

  @Override
  protected RecordStore newStore() {
    assumeTrue(reachable(), unreachableMessage());
    String prefix = "sle" + tag() + "_" + ProcessHandle.current().pid() % 100_000 + "_"
        + COUNTER.incrementAndGet() + "_";
    JdbcRecordStore s = JdbcRecordStore.builder(newJdbi()).tablePrefix(prefix).build();
    created.add(s);
    s.migrate();
    return s;
  }

  @AfterEach
  void dropTables() {
    for (JdbcRecordStore s : created) {
      newJdbi().useHandle(h -> {
        h.execute("DROP TABLE IF EXISTS " + s.recordTable());
        h.execute("DROP TABLE IF EXISTS " + s.stateTable());
      });
    }
    created.clear();
  }
}
