package io.syncline.examples.cli;

import io.syncline.Resource;
import io.syncline.SyncResult;
import io.syncline.config.SyncDefinition;
import io.syncline.examples.fieldservice.FieldServiceResources;
import io.syncline.examples.dashboard.OrderMetrics;
import io.syncline.examples.server.ApiResource;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.jdbc.JdbcRecordStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code demo}: the tour. Starts the demo API in-process, backfills everything into embedded H2,
 * changes a few dozen records on the server and deletes two, runs {@code sync} "five hours later"
 * and shows that only the delta travelled and that both deletions arrived (one by the orders'
 * deletion feed, one by the equipments' id sweep), then the dashboard and the status.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "The tour: demo API in-process, backfill into embedded H2, a delta, the dashboard, the status.")
final class DemoCommand implements Callable<Integer> {
  private static final String TOKEN = "demo-token";
  private static final long DELETED_ORDER = 7;
  private static final long DELETED_EQUIPMENT = 11;

  @ParentCommand
  SynclineCli cli;

  @Option(names = "--data-dir", defaultValue = "./syncline-data",
      description = "Where the embedded H2 database goes (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Mixin
  DemoDataOptions data;

  @Override
  public Integer call() throws IOException {
    PrintStream out = cli.out;
    Files.createDirectories(dataDir);
    for (String f : List.of("demo.mv.db", "demo.trace.db")) {
      Files.deleteIfExists(dataDir.resolve(f));
    }
    ProgressPrinter progress = new ProgressPrinter(cli.err, System.console() != null, Duration.ofSeconds(1));
    try (FieldServiceServer server = FieldServiceServer.builder().port(0).token(TOKEN).orders(data.orders)
        .equipments(data.equipments).technicians(data.technicians).seed(42).clock(cli.clock).build().start()) {
      out.printf(Locale.ROOT, "%n== 1. Demo field-service API on %s: %d orders, %d equipments, %d technicians%n",
          server.baseUrl(), data.orders, data.equipments, data.technicians);
      String jdbcUrl = "jdbc:h2:file:" + dataDir.resolve("demo").toAbsolutePath().normalize();
      JdbcRecordStore store = JdbcRecordStore.builder(SyncWiring.jdbi(jdbcUrl, null, null)).build();
      SyncDefinition config = FieldServiceResources.definition();
      List<Resource> resources = config.resources();
      out.printf(Locale.ROOT, "   configured by the bundled %s (try: backfill --config <that file>)%n", config.source());

      out.printf(Locale.ROOT, "%n== 2. Backfill everything into embedded H2 (%s)%n", jdbcUrl);
      SyncWiring now = SyncWiring.create(config, server.baseUrl(), env -> TOKEN, 50, resources, store, cli.clock, progress);
      Totals backfill = new Totals();
      for (Resource r : resources) {
        SyncResult res = now.engine.backfill(r);
        backfill.add(res);
        out.println("  " + SyncRunCommand.format(res));
      }
      out.println("  traffic (Syncline's counters): " + backfill);

      out.printf(Locale.ROOT, "%n== 3. Meanwhile on the server: 30 orders and 10 equipments change, 5 orders and 2 technicians are created%n");
      server.updateRandom(ApiResource.ORDERS, 30);
      server.updateRandom(ApiResource.EQUIPMENTS, 10);
      server.create(ApiResource.ORDERS, 5);
      server.create(ApiResource.TECHNICIANS, 2);
      out.printf(Locale.ROOT, "   and order %d and equipment %d are deleted: the API lists the order in its deletion feed; "
          + "the equipment only stops being listed (an id sweep notices)%n", DELETED_ORDER, DELETED_EQUIPMENT);
      server.delete(ApiResource.ORDERS, DELETED_ORDER);
      server.delete(ApiResource.EQUIPMENTS, DELETED_EQUIPMENT);

      Clock later = Clock.offset(cli.clock, Duration.ofHours(5));
      out.printf(Locale.ROOT, "%n== 4. Five hours later (simulated clock): `sync` asks the freshness policy per resource%n");
      out.println("  TTLs: orders 2h, equipments 4h, technicians 6h");
      SyncWiring then = SyncWiring.create(config, server.baseUrl(), env -> TOKEN, 50, resources, store, later, progress);
      Totals delta = new Totals();
      for (Resource r : resources) {
        SyncResult res = then.engine.sync(r);
        delta.add(res);
        out.println("  " + SyncRunCommand.format(res));
      }
      out.println("  traffic (Syncline's counters): " + delta);
      out.printf(Locale.ROOT, "  => deletions: order %d marked by the feed (%s), equipment %d by the daily id sweep (%s); "
              + "reads skip them%n", DELETED_ORDER, store.find("orders", Long.toString(DELETED_ORDER)).isEmpty() ? "gone" : "STILL LIVE",
          DELETED_EQUIPMENT, store.find("equipments", Long.toString(DELETED_EQUIPMENT)).isEmpty() ? "gone" : "STILL LIVE");
      out.printf(Locale.ROOT, "  => the delta moved %d records in %d requests instead of %d records in %d requests: "
              + "%.1f%% fewer records, %.1f%% fewer bytes on the wire%n", delta.records, delta.traffic.requests(),
          backfill.records, backfill.traffic.requests(),
          100.0 * (1 - (double) delta.records / Math.max(1, backfill.records)),
          100.0 * (1 - (double) delta.traffic.wireBytes() / Math.max(1, backfill.traffic.wireBytes())));

      out.printf(Locale.ROOT, "%n== 4b. Polling while nothing changes: `incremental` three times%n");
      out.println("  The first poll re-reads the lookback window behind the moved cursor (a new request, so no");
      out.println("  validator applies) and keeps its ETag; later polls repeat that request with If-None-Match.");
      for (int round = 1; round <= 3; round++) {
        Totals poll = new Totals();
        for (Resource r : resources) {
          SyncResult res = then.engine.incremental(r);
          poll.add(res);
          out.println("  " + SyncRunCommand.format(res));
        }
        out.println("  poll " + round + " traffic (Syncline's counters): " + poll);
      }
      out.println("  (a 304 carries no body and does not count against the API's rate limit)");
      out.println("  (technicians are still fresh at 5h with a 6h TTL: their 2 new records wait for the next sync)");

      out.printf(Locale.ROOT, "%n== 5. The dashboard service reads local-first%n");
      MetricsCommand.print(out, new OrderMetrics(then.engine, store, later).dashboard());

      out.printf(Locale.ROOT, "%n== 6. status%n");
      out.print(StatusTable.render(resources.stream().map(then.engine::status).toList(), later.instant()));
      out.printf(Locale.ROOT, "%nDone. The database stays in %s; run `serve` and `backfill --api-url ...` to try it "
          + "against a separate server.%n", dataDir.toAbsolutePath().normalize());
    }
    return 0;
  }

  /** Sums what runs fetched, from Syncline's own counters ({@link SyncResult#traffic()}). */
  private static final class Totals {
    long records;
    io.syncline.Traffic traffic = io.syncline.Traffic.NONE;

    void add(SyncResult r) {
      records += r.fetched();
      traffic = traffic.plus(r.traffic());
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d requests (%d not modified), %d records, %,d bytes on the wire, %,d bytes "
              + "decoded (%.0f%%), %.0f wire bytes per record", traffic.requests(), traffic.notModified(), records,
          traffic.wireBytes(), traffic.decodedBytes(), 100 * traffic.compressionRatio(),
          (double) traffic.wireBytes() / Math.max(1, records));
    }
  }
}
