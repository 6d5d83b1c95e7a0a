package io.syncline.jdbc;


import io.syncline.spi.RecordStore;
import io.syncline.testing.SyncEngineScenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * Core's engine scenarios, unchanged, on a database server: every test gets its own table prefix
 * and its tables are dropped afterwards. When the server is unreachable each test is reported as
 * skipped with a message saying which server to start, never as passed.
 */
abstract class ServerSyncEngineTest extends SyncEngineScenarios {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final List<JdbcRecordStore> created = new ArrayList<>();

  /** @return the server the scenarios run on */
  protected abstract TestServer server();

  /** @return a short tag for table prefixes */
  protected abstract String tag();

  @Override
  protected RecordStore newStore() {
    server().assumeReachable();
    String prefix = "sle" + tag() + "_" + ProcessHandle.current().pid() % 100_000 + "_"
        + COUNTER.incrementAndGet() + "_";
    JdbcRecordStore s = JdbcRecordStore.builder(server().jdbi()).tablePrefix(prefix).build();
    created.add(s);
    s.migrate();
    return s;
  }

  @AfterEach
  void dropTables() {
    for (JdbcRecordStore s : created) {
      server().jdbi().useHandle(h -> {
        h.execute("DROP TABLE IF EXISTS " + s.recordTable());
        h.execute("DROP TABLE IF EXISTS " + s.stateTable());
        h.execute("DROP TABLE IF EXISTS " + s.rejectedTable());
      });
    }
    created.clear();
  }
}
