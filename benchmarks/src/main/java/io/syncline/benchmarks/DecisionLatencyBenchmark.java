package io.syncline.benchmarks;

import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncMode;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.spi.Page;
import io.syncline.spi.RecordSource;
import io.syncline.spi.SourceRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Part 4: latency of {@link SyncEngine#shouldRunIncrementalSync} on H2 and PostgreSQL, after a
 * small backfill so the store holds a real state row (the answer is "fresh": no sync needed).
 *
 * <p>A careful harness rather than JMH: every call is timed on its own with
 * {@link System#nanoTime()} (about 25 ns of overhead against calls of several microseconds, one
 * database round trip each) after a warm-up of 20,000 untimed calls, which JIT-compiles the path;
 * then p50 and p99 of the timed calls are taken, per repetition, and the medians of those are
 * reported. JMH would give a mean per call, not the tail this measurement is about.
 */
public final class DecisionLatencyBenchmark {
  private static final String PREFIX = "bench_dl_";
  /** Keeps the answers observable so no call can be optimised away. */
  static volatile boolean sink;

  private final Options options;
  private final Path workDir;
  private final ResultTable table;

  /**
   * Prepares the measurement.
   *
   * @param options the run's options
   * @param workDir where embedded databases live
   * @param table where results go
   */
  public DecisionLatencyBenchmark(Options options, Path workDir, ResultTable table) {
    this.options = options;
    this.workDir = workDir;
    this.table = table;
  }

  /** Runs it on H2 and PostgreSQL. */
  public void run() {
    int calls = options.size(100_000, 2_000);
    int warmup = options.size(20_000, 500);
    Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(100).build();
    for (Database db : List.of(Database.H2, Database.POSTGRESQL)) {
      Optional<JdbcConnectionPool> opened = db.open(workDir, "decision");
      if (opened.isEmpty()) {
        table.add("4 decision", db.label(), "skipped", "not reachable");
        continue;
      }
      JdbcConnectionPool pool = opened.get();
      try {
        Database.dropStore(pool, PREFIX);
        JdbcRecordStore store = JdbcRecordStore.builder(pool).tablePrefix(PREFIX).build();
        store.migrate();
        SyncEngine engine = SyncEngine.builder(tenOrders(), store).resource(orders).build();
        engine.backfill(orders);
        boolean answer = false;
        for (int i = 0; i < warmup; i++) {
          answer ^= engine.shouldRunIncrementalSync(orders);
        }
        Samples p50 = new Samples();
        Samples p99 = new Samples();
        long[] nanos = new long[calls];
        for (int rep = 0; rep < options.reps(); rep++) {
          for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            answer ^= engine.shouldRunIncrementalSync(orders);
            nanos[i] = System.nanoTime() - t0;
          }
          Arrays.sort(nanos);
          p50.add(nanos[calls / 2] / 1000.0);
          p99.add(nanos[(int) Math.ceil(calls * 0.99) - 1] / 1000.0);
        }
        sink = answer;
        String how = String.format(Locale.ROOT, "%,d calls per rep after %,d warm-up, %d reps; harness, not JMH",
            calls, warmup, p50.count());
        table.add("4 decision", db.label() + ": shouldRunIncrementalSync p50",
            String.format(Locale.ROOT, "%.1f µs", p50.median()), how);
        table.add("4 decision", db.label() + ": shouldRunIncrementalSync p99",
            String.format(Locale.ROOT, "%.1f µs", p99.median()), how);
      } finally {
        Database.dropStore(pool, PREFIX);
        pool.dispose();
      }
    }
  }

  /** A source with ten orders, for a backfill that leaves a real state row behind. */
  private static RecordSource tenOrders() {
    List<SourceRecord> ten = new ArrayList<>();
    for (long id = 1; id <= 10; id++) {
      ten.add(OrderRecords.order(id, 1));
    }
    return request -> request.mode() == SyncMode.BACKFILL && request.after().isEmpty()
        && request.continuation().isEmpty() ? Page.of(ten, false) : Page.of(List.of(), false);
  }
}
