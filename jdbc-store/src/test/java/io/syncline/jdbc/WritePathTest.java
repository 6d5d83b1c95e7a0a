package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncState;
import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import io.syncline.spi.WriteResult;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The write path on every database: a page costs a constant number of JDBC round trips per batch
 * of 500 (counted on the connections' statements), and two writers racing on the same ids never
 * make a row go back to an older version.
 */
class WritePathTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Resource ORDERS = Resource.builder("orders").cursorField("updated_at").build();

  /** Counts statement executions (each one a round trip) and rows added to JDBC batches. */
  static final class Counter {
    final AtomicInteger executions = new AtomicInteger();
    final AtomicInteger batchedRows = new AtomicInteger();

    DataSource wrap(DataSource target) {
      return proxy(DataSource.class, target, (p, m, a) -> {
        Object result = invoke(target, m, a);
        return result instanceof Connection c ? proxy(Connection.class, c, (pc, mc, ac) -> {
          Object r = invoke(c, mc, ac);
          if (r instanceof PreparedStatement ps) {
            return proxy(PreparedStatement.class, ps, statementHandler(ps));
          }
          if (r instanceof Statement s) {
            return proxy(Statement.class, s, statementHandler(s));
          }
          return r;
        }) : result;
      });
    }

    private InvocationHandler statementHandler(Statement target) {
      return (p, m, a) -> {
        if (m.getName().startsWith("execute")) {
          executions.incrementAndGet();
        } else if (m.getName().equals("addBatch")) {
          batchedRows.incrementAndGet();
        }
        return invoke(target, m, a);
      };
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] a) throws Throwable {
      try {
        return m.invoke(target, a);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, InvocationHandler h) {
      return (T) Proxy.newProxyInstance(WritePathTest.class.getClassLoader(), new Class<?>[] {type}, h);
    }
  }

  private static Supplier<DataSource> dataSource(String database) {
    return switch (database) {
      case "h2" -> {
        String url = "jdbc:h2:mem:write_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        yield () -> {
          org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
          ds.setURL(url);
          ds.setUser("sa");
          return ds;
        };
      }
      case "pg" -> {
        TestServer.POSTGRESQL.assumeReachable();
        yield TestServer.POSTGRESQL::dataSource;
      }
      case "maria" -> {
        TestServer.MARIADB.assumeReachable();
        yield TestServer.MARIADB::dataSource;
      }
      case "sqlite", "sqlite_deferred" -> {
        // several writers on one file need a busy timeout; the page takes the write lock first
        Path file = temporaryFile();
        yield () -> {
          SQLiteConfig config = new SQLiteConfig();
          config.setBusyTimeout(30_000);
          if (database.equals("sqlite")) {
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
          }
          SQLiteDataSource sqlite = new SQLiteDataSource(config);
          sqlite.setUrl("jdbc:sqlite:" + file);
          return sqlite;
        };
      }
      default -> throw new IllegalArgumentException(database);
    };
  }

  private static Path temporaryFile() {
    try {
      Path file = Files.createTempFile("syncline-write", ".db");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String prefix(String database) {
    return "slwr" + database + "_" + ProcessHandle.current().pid() % 100_000 + "_" + COUNTER.incrementAndGet() + "_";
  }

  private static void drop(DataSource ds, JdbcRecordStore store) {
    Jdbi.create(ds).useHandle(h -> {
      h.execute("DROP TABLE IF EXISTS " + store.recordTable());
      h.execute("DROP TABLE IF EXISTS " + store.stateTable());
      h.execute("DROP TABLE IF EXISTS " + store.rejectedTable());
    });
  }

  private static SourceRecord order(int id, int version) {
    return SourceRecord.of(Integer.toString(id), T0.plusSeconds(version),
        "{\"id\":" + id + ",\"version\":" + version + "}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg", "maria", "sqlite"})
  void aPageCostsAFewRoundTripsPerBatchNotOnePerRecord(String database) {
    Supplier<DataSource> ds = dataSource(database);
    Counter counter = new Counter();
    JdbcRecordStore store = JdbcRecordStore.builder(counter.wrap(ds.get())).tablePrefix(prefix(database)).build();
    try {
      store.migrate();
      List<SourceRecord> page = new ArrayList<>();
      for (int i = 0; i < 1_200; i++) {
        page.add(order(i, 1));
      }
      counter.executions.set(0);
      counter.batchedRows.set(0);
      assertThat(store.write(new PageWrite(ORDERS, page, SyncState.initial("orders"), T0)))
          .isEqualTo(new WriteResult(1_200, 0, 0));
      // 3 batches × at most 2 statements (H2: the insert; MariaDB: the upsert batch + the read of its
      // counters; PostgreSQL: one upsert; SQLite: 3, the upsert batch between two reads of the largest
      // rowid) + the state row's update, and one statement per transaction before them (PostgreSQL
      // and MariaDB: a session setting; H2: the lock of the resource's state row)
      int pageSetting = 1;
      int perBatch = database.equals("sqlite") ? 3 : 2;
      // A resource's first page only: its state row is missing. H2 creates it before locking it and
      // locks again; elsewhere the update finds no row, the row is created and updated again.
      int firstPage = 2;
      assertThat(counter.executions.get()).isLessThanOrEqualTo(3 * perBatch + 1 + pageSetting + firstPage);
      // set-based statements bind arrays; one-row statements go into JDBC batches, at most one per record
      assertThat(counter.batchedRows.get()).isLessThanOrEqualTo(1_200);

      List<SourceRecord> mixed = new ArrayList<>();
      for (int i = 0; i < 1_500; i++) {
        mixed.add(i < 400 ? order(i, 2) : i < 1_200 ? order(i, 1) : order(i, 1));
      }
      mixed.add(SourceRecord.withoutTimestamp("x1", "{}"));
      counter.executions.set(0);
      assertThat(store.write(new PageWrite(ORDERS, mixed, SyncState.initial("orders"), T0)))
          .isEqualTo(new WriteResult(301, 400, 800));
      // 4 batches × at most 3 statements (H2: insert + the merge replacing or touching; SQLite: 4, the
      // touch of the unchanged) + the state row's update + session setting
      assertThat(counter.executions.get()).isLessThanOrEqualTo(4 * (perBatch + 1) + 1 + pageSetting);
    } finally {
      drop(ds.get(), store);
    }
  }

  @Test
  void sqliteCountsStayExactWhenRowidsRunOut() {
    Supplier<DataSource> ds = dataSource("sqlite");
    JdbcRecordStore store = JdbcRecordStore.builder(ds.get()).tablePrefix(prefix("sqlite")).build();
    try {
      store.migrate();
      // Another resource's row 15 below the largest rowid: SQLite counts up to it, then picks at random.
      Jdbi.create(ds.get()).useHandle(h -> h.execute("INSERT INTO " + store.recordTable()
          + " (rowid, resource, id, id_sort, payload, fetched_at, synced_at) VALUES (?, 'other', 'x', 'x', '{}',"
          + " '2026-11-28T10:00:00.000000Z', '2026-11-28T10:00:00.000000Z')", Long.MAX_VALUE - 15));
      int[] newest = new int[25];
      int[][] pages = {{0, 10, 1, 0}, {5, 15, 2, 3}, {10, 25, 3, 2}};
      WriteResult[] expected = {new WriteResult(10, 0, 0), new WriteResult(5, 3, 2), new WriteResult(10, 2, 3)};
      for (int p = 0; p < pages.length; p++) {
        int from = pages[p][0];
        int to = pages[p][1];
        List<SourceRecord> page = new ArrayList<>();
        for (int id = from; id < to; id++) {
          // the first pages[p][3] ids already stored come in a new version, the rest as they are
          int version = newest[id] == 0 ? 1 : id - from < pages[p][3] ? pages[p][2] : newest[id];
          newest[id] = version;
          page.add(order(id, version));
        }
        assertThat(store.write(new PageWrite(ORDERS, page, SyncState.initial("orders"), T0)))
            .as("page %d", p + 1).isEqualTo(expected[p]);
      }
      for (int id = 0; id < newest.length; id++) {
        assertThat(store.find("orders", Integer.toString(id)).orElseThrow().json())
            .isEqualTo("{\"id\":" + id + ",\"version\":" + newest[id] + "}");
      }
    } finally {
      drop(ds.get(), store);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg", "maria", "sqlite", "sqlite_deferred"})
  void twoConcurrentWritersNeverMakeARowRegress(String database) throws Exception {
    Supplier<DataSource> ds = dataSource(database);
    String prefix = prefix(database);
    JdbcRecordStore a = JdbcRecordStore.builder(ds.get()).tablePrefix(prefix).build();
    JdbcRecordStore b = JdbcRecordStore.builder(ds.get()).tablePrefix(prefix).build();
    int ids = 200;
    int pages = 30;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      a.migrate();
      int[][] versions = new int[2][];
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        JdbcRecordStore store = w == 0 ? a : b;
        Random random = new Random(42 + w);
        futures.add(pool.submit(() -> {
          for (int p = 0; p < pages; p++) {
            List<SourceRecord> page = new ArrayList<>();
            for (int i = 0; i < ids; i++) {
              page.add(order(i, 1 + random.nextInt(1_000)));
            }
            store.write(new PageWrite(ORDERS, page, SyncState.initial("orders"), T0));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      // Replay both writers' versions to know the newest each id ever received.
      for (int w = 0; w < 2; w++) {
        Random random = new Random(42 + w);
        versions[w] = new int[ids];
        for (int p = 0; p < pages; p++) {
          for (int i = 0; i < ids; i++) {
            versions[w][i] = Math.max(versions[w][i], 1 + random.nextInt(1_000));
          }
        }
      }
      for (int i = 0; i < ids; i++) {
        int newest = Math.max(versions[0][i], versions[1][i]);
        StoredRecord r = a.find("orders", Integer.toString(i)).orElseThrow();
        assertThat(r.json()).as("id %d", i).isEqualTo("{\"id\":" + i + ",\"version\":" + newest + "}");
        assertThat(r.updatedAt()).contains(T0.plusSeconds(newest));
      }
    } finally {
      pool.shutdownNow();
      drop(ds.get(), a);
    }
  }
}
