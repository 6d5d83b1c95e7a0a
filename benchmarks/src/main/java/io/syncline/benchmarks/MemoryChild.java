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
 * Part 3's child process: backfills every order of a running demo server into an H2 file and
 * prints one line {@code RESULT records=… seconds=… peakHeapBytes=… peakOldGenBytes=…
 * maxHeapBytes=…}. {@link MemoryBenchmark} starts it with {@code -Xmx64m}; the server lives in
 * the parent, so the child's heap holds only the client side: Syncline, the HTTP client, JDBC
 * and H2's embedded engine (its page cache included).
 */
public final class MemoryChild {

  private MemoryChild() {}

  /**
   * Entry point.
   *
   * @param args the server's base URL, the H2 file's path
   */
  public static void main(String[] args) {
    URI baseUrl = URI.create(args[0]);
    Path h2 = Path.of(args[1]);
    JdbcConnectionPool pool = JdbcConnectionPool.create(
        "jdbc:h2:file:" + h2.toAbsolutePath() + ";DB_CLOSE_DELAY=-1", "sa", "");
    try {
      JdbcRecordStore store = JdbcRecordStore.builder(pool).tablePrefix("bench_mem_")
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
      pool.dispose();
    }
  }
}
