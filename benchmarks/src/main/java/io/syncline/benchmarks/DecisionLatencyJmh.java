package io.syncline.benchmarks;

import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncMode;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.spi.Page;
import io.syncline.spi.RecordSource;
import io.syncline.spi.SourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Part 4 as a JMH micro-benchmark: {@link SyncEngine#shouldRunIncrementalSync} against a store
 * that holds a real state row (after a small backfill), in JMH's sample-time mode, which records
 * the time of individual calls so that percentiles (p50, p99) come out, not only a mean.
 * {@link DecisionLatencyBenchmark} runs it through JMH's API and puts the percentiles in the table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionLatencyJmh {
  private static final String PREFIX = "bench_jmh_";

  /** The database: {@code H2} or {@code POSTGRESQL} ({@link Database} names). */
  @Param({"H2"})
  public String database;

  private Path dir;
  private JdbcConnectionPool pool;
  private SyncEngine engine;
  private Resource orders;

  /**
   * Creates the store, backfills ten orders so a state row exists.
   *
   * @throws IOException when the work directory cannot be made
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("syncline-jmh");
    Database db = Database.valueOf(database);
    pool = db.open(dir, "jmh").orElseThrow(() -> new IllegalStateException(db.label() + " is not reachable"));
    Database.dropStore(pool, PREFIX);
    JdbcRecordStore store = JdbcRecordStore.builder(pool).tablePrefix(PREFIX).build();
    store.migrate();
    orders = Resource.builder("orders").cursorField("updated_at").pageSize(100).build();
    engine = SyncEngine.builder(tenOrders(), store).resource(orders).build();
    engine.backfill(orders);
  }

  /** Drops the tables and closes the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    Database.dropStore(pool, PREFIX);
    pool.dispose();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One decision: one state-row read and the policy.
   *
   * @return the answer, consumed by JMH
   */
  @Benchmark
  public boolean shouldRunIncrementalSync() {
    return engine.shouldRunIncrementalSync(orders);
  }

  private static RecordSource tenOrders() {
    List<SourceRecord> ten = new ArrayList<>();
    for (long id = 1; id <= 10; id++) {
      ten.add(OrderRecords.order(id, 1));
    }
    return request -> request.mode() == SyncMode.BACKFILL && request.after().isEmpty()
        && request.continuation().isEmpty() ? Page.of(ten, false) : Page.of(List.of(), false);
  }
}
