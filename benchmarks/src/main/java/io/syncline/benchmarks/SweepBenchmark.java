package io.syncline.benchmarks;

import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import io.syncline.Traffic;
import io.syncline.examples.server.ApiResource;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.http.Conventions;
import io.syncline.http.HttpRecordSource;
import io.syncline.jdbc.JdbcRecordStore;
import java.nio.file.Path;
import java.util.Locale;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Part 9: the cost of an id sweep ({@link SyncEngine#sweep}) of the demo API's orders, listed
 * with {@code fields=id}, next to a full re-fetch of the same resource (a backfill into a fresh
 * store): requests, bytes on the wire (gzip, the source's default) and seconds. Before the sweep
 * the server deletes 0.1 % of the orders, which the sweep must mark. Not thread-safe.
 */
public final class SweepBenchmark {
  private static final String PREFIX = "bench_sw_";

  private final Options options;
  private final Path workDir;
  private final ResultTable table;

  /**
   * Prepares the measurement.
   *
   * @param options the run's options
   * @param workDir where the embedded database lives
   * @param table where results go
   */
  public SweepBenchmark(Options options, Path workDir, ResultTable table) {
    this.options = options;
    this.workDir = workDir;
    this.table = table;
  }

  /**
   * Runs the measurements.
   *
   * @throws Exception on failure
   */
  public void run() throws Exception {
    int n = options.size(100_000, 3_000);
    Resource orders = DemoApi.orders();
    JdbcConnectionPool pool = Database.H2.open(workDir, "sweep")
        .orElseThrow(() -> new IllegalStateException("embedded H2 did not open"));
    try {
      for (int rep = 1; rep <= options.reps(); rep++) {
        try (FieldServiceServer server = FieldServiceServer.builder().orders(n).equipments(0).technicians(0)
            .seed(7).rateLimit(1_000_000).build().start()) {
          HttpRecordSource source = HttpRecordSource.builder(server.baseUrl()).bearerToken(DemoApi.TOKEN)
              .endpoint("orders", Conventions.demoApi("/v1/orders").idListingParameter("fields", "id").build())
              .build();
          Database.dropStore(pool, PREFIX);
          JdbcRecordStore store = JdbcRecordStore.builder(pool).tablePrefix(PREFIX).batchSize(DemoApi.PER_PAGE)
              .build();
          store.migrate();
          SyncEngine engine = SyncEngine.builder(source, store).resource(orders).build();
          long t0 = System.nanoTime();
          SyncResult full = engine.backfill(orders);
          double fullSeconds = seconds(t0);
          int gone = 0;
          for (long id = 1; id <= Math.max(1, n / 1000); id++) {
            gone += server.delete(ApiResource.ORDERS, id * 97) ? 1 : 0;
          }
          long t1 = System.nanoTime();
          SyncResult sweep = engine.sweep(orders);
          double sweepSeconds = seconds(t1);
          if (sweep.deleted() != gone || store.count("orders") != server.count(ApiResource.ORDERS)) {
            throw new IllegalStateException("sweep marked " + sweep.deleted() + " of " + gone + " deletions; "
                + store.count("orders") + " live records, server has " + server.count(ApiResource.ORDERS));
          }
          System.err.printf(Locale.ROOT, "    rep %d: full re-fetch %.2f s, sweep %.2f s%n", rep, fullSeconds,
              sweepSeconds);
          if (rep == options.reps()) {
            String size = String.format(Locale.ROOT, "%,d orders, per_page %d, gzip, into H2", n, DemoApi.PER_PAGE);
            row("full re-fetch (backfill)", full.traffic(), fullSeconds, size);
            row("id sweep (fields=id)", sweep.traffic(), sweepSeconds, String.format(Locale.ROOT,
                "%s; marked %,d deleted; **%.3f × the re-fetch's bytes, %.2f × its seconds**", size, sweep.deleted(),
                (double) sweep.traffic().wireBytes() / full.traffic().wireBytes(), sweepSeconds / fullSeconds));
          }
        }
      }
    } finally {
      Database.dropStore(pool, PREFIX);
      pool.dispose();
    }
  }

  private void row(String subject, Traffic t, double secs, String detail) {
    table.add("9 sweep", subject, String.format(Locale.ROOT, "%,d requests, %s, %.2f s", t.requests(),
        Traffic.bytes(t.wireBytes()), secs), detail);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
