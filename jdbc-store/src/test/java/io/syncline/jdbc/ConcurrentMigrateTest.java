package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncState;
import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Two application instances starting at the same moment on an empty database: both call
 * {@code migrate()} through their own {@link Jdbi}, and both must succeed with one usable schema.
 * Each round uses fresh table names so every round races on creating them.
 */
class ConcurrentMigrateTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final int ROUNDS = 8;
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  @Test
  void twoInstancesMigratingAnEmptyH2DatabaseAtOnceBothSucceed() throws Exception {
    String url = "jdbc:h2:mem:migrate_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    assertBothMigrationsSucceed("h2", () -> H2ContractTest.h2(url), null);
  }

  @Test
  void twoInstancesMigratingAnEmptyH2DatabaseWithTheGenericDialectAtOnceBothSucceed() throws Exception {
    String url = "jdbc:h2:mem:migrate_gen_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    assertBothMigrationsSucceed("gen", () -> H2ContractTest.h2(url), Dialect.GENERIC);
  }

  @Test
  void twoInstancesMigratingAnEmptyPostgresqlDatabaseAtOnceBothSucceed() throws Exception {
    TestServer.POSTGRESQL.assumeReachable();
    assertBothMigrationsSucceed("pg", () -> TestServer.POSTGRESQL.jdbi(), null);
  }

  @Test
  void twoInstancesMigratingAnEmptyMariadbDatabaseAtOnceBothSucceed() throws Exception {
    TestServer.MARIADB.assumeReachable();
    assertBothMigrationsSucceed("maria", () -> TestServer.MARIADB.jdbi(), null);
  }

  private void assertBothMigrationsSucceed(String tag, Supplier<Jdbi> jdbis, Dialect dialect) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> prefixes = new ArrayList<>();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String prefix = "slmig" + tag + "_" + ProcessHandle.current().pid() % 100_000 + "_"
            + COUNTER.incrementAndGet() + "_";
        prefixes.add(prefix);
        JdbcRecordStore a = build(jdbis.get(), prefix, dialect);
        JdbcRecordStore b = build(jdbis.get(), prefix, dialect);
        CyclicBarrier start = new CyclicBarrier(2);
        Future<?> fa = pool.submit(() -> {
          start.await();
          a.migrate();
          return null;
        });
        Future<?> fb = pool.submit(() -> {
          start.await();
          b.migrate();
          return null;
        });
        fa.get();
        fb.get();

        Resource orders = Resource.builder("orders").build();
        assertThat(a.write(new PageWrite(orders, List.of(SourceRecord.of("1", T0, "{\"id\":1}")),
            SyncState.initial("orders"), T0))).isEqualTo(new WriteResult(1, 0, 0));
        assertThat(b.count("orders")).as("round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
      Jdbi jdbi = jdbis.get();
      for (String prefix : prefixes) {
        jdbi.useHandle(h -> {
          h.execute("DROP TABLE IF EXISTS " + prefix + "sync_record");
          h.execute("DROP TABLE IF EXISTS " + prefix + "sync_state");
          h.execute("DROP TABLE IF EXISTS " + prefix + "rejected_record");
        });
      }
    }
  }

  private static JdbcRecordStore build(Jdbi jdbi, String prefix, Dialect dialect) {
    JdbcRecordStore.Builder b = JdbcRecordStore.builder(jdbi).tablePrefix(prefix).migrateOnFirstUse(false);
    if (dialect != null) {
      b.dialect(dialect);
    }
    return b.build();
  }
}
