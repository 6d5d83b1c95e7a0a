package io.syncline.benchmarks;

import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import io.syncline.jdbc.JdbcRecordStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Part 3's child process: backfills every order of a running demo server into a database and
 * prints one line {@code RESULT records=… seconds=… peakHeapBytes=… peakOldGenBytes=…
 * maxHeapBytes=…}. {@link MemoryBenchmark} starts it with {@code -Xmx64m}; the server lives in
 * the parent, so the child's heap holds only the client side: Syncline, the HTTP client and the
 * JDBC driver (with H2, the embedded engine and its page cache as well).
 */
public final class MemoryChild {
  private static final String PREFIX = "bench_mem_";

  private MemoryChild() {}

  /**
   * Entry point.
   *
   * @param args the server's base URL, a {@link Database} name, the work directory
   */
  public static void main(String[] args) {
    URI baseUrl = URI.create(args[0]);
    Database db = Database.valueOf(args[1]);
    JdbcConnectionPool pool = db.open(Path.of(args[2]), "memory")
        .orElseThrow(() -> new IllegalStateException(db.label() + " not reachable"));
    try {
      Database.dropStore(pool, PREFIX);
      JdbcRecordStore store = JdbcRecordStore.builder(pool).tablePrefix(PREFIX)
          .batchSize(DemoApi.PER_PAGE).build();
      store.migrate();
      Resource orders = DemoApi.orders();
      SyncEngine engine = SyncEngine.builder(DemoApi.source(baseUrl), store).resource(orders).build();
      long t0 = System.nanoTime();
      SyncResult result = engine.backfill(orders);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long stored = store.count("orders");
      long peak = 0;
      long oldGen = 0;
      for (MemoryPoolMXBean pool0 : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool0.getType() == MemoryType.HEAP) {
          peak += pool0.getPeakUsage().getUsed();
          if (pool0.getName().contains("Old") || pool0.getName().contains("Tenured")) {
            oldGen = Math.max(oldGen, pool0.getPeakUsage().getUsed());
          }
        }
      }
      System.out.println("RESULT records=" + stored + " fetched=" + result.fetched() + " seconds=" + seconds
          + " peakHeapBytes=" + peak + " peakOldGenBytes=" + oldGen
          + " maxHeapBytes=" + Runtime.getRuntime().maxMemory());
    } finally {
      Database.dropStore(pool, PREFIX);
      pool.dispose();
    }
  }
}
