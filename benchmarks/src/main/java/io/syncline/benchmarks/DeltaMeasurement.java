package io.syncline.benchmarks;

import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import io.syncline.examples.server.ApiResource;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.examples.server.ServerStats;
import java.util.Locale;
import java.util.Map;

/**
 * Part 2: right after the backfills, 50 orders change on the server once and
 * {@link SyncEngine#sync} runs for each database in turn (each engine's policy has a 1 ms TTL, so
 * the sync is a delta); the server's counters tell what that cost (requests, records, response bytes) next to a
 * full re-fetch of the same listing. Target: at most 50 changed records plus one page of overlap,
 * in at most 3 requests. Not thread-safe.
 */
public final class DeltaMeasurement {
  private static final int CHANGED = 50;

  private final FieldServiceServer server;
  private final Resource resource;
  private final ResultTable table;

  /**
   * Prepares the measurement.
   *
   * @param server the demo server
   * @param resource the orders resource
   * @param table where results go
   */
  public DeltaMeasurement(FieldServiceServer server, Resource resource, ResultTable table) {
    this.server = server;
    this.resource = resource;
    this.table = table;
  }

  /**
   * Changes 50 orders, syncs each engine, and adds a row per engine.
   *
   * @param engines engines whose stores each hold a complete backfill and whose policy finds it stale
   * @param fullRefetch what one full listing cost on the same server
   */
  public void run(Map<Database, SyncEngine> engines, ServerStats fullRefetch) {
    server.updateRandom(ApiResource.ORDERS, CHANGED);
    for (Map.Entry<Database, SyncEngine> e : engines.entrySet()) {
      measure(e.getKey(), e.getValue(), fullRefetch);
    }
  }

  private void measure(Database db, SyncEngine engine, ServerStats fullRefetch) {
    ServerStats before = server.stats();
    SyncResult result = engine.sync(resource);
    ServerStats cost = server.stats().minus(before);
    boolean met = cost.requests() <= 3 && cost.records() <= CHANGED + resource.pageSize();
    table.add("2 delta", db.label() + ": sync after " + CHANGED + " changes",
        String.format(Locale.ROOT, "%d requests, %,d records, %,d bytes", cost.requests(), cost.records(), cost.bytes()),
        String.format(Locale.ROOT, "mode %s, %d updated, %d inserted; full re-fetch: %d requests, %,d records, %,d bytes"
                + " → %.2f %% of the bytes; target ≤ %d records in ≤ 3 requests: %s",
            result.mode(), result.updated(), result.inserted(), fullRefetch.requests(), fullRefetch.records(),
            fullRefetch.bytes(), 100.0 * cost.bytes() / fullRefetch.bytes(), CHANGED + resource.pageSize(),
            met ? "met" : "**missed**"));
  }
}
