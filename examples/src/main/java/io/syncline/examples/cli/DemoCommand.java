package io.syncline.examples.cli;

import io.syncline.Resource;
import io.syncline.SyncResult;
import io.syncline.examples.dashboard.FieldServiceResources;
import io.syncline.examples.dashboard.OrderMetrics;
import io.syncline.examples.server.ApiResource;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.examples.server.ServerStats;
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
 * changes a few dozen records on the server, runs {@code sync} "five hours later" and shows that
 * only the delta travelled, then the dashboard and the status.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "The tour: demo API in-process, backfill into embedded H2, a delta, the dashboard, the status.")
final class DemoCommand implements Callable<Integer> {
  private static final String TOKEN = "demo-token";

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
      List<Resource> resources = FieldServiceResources.all();

      out.printf(Locale.ROOT, "%n== 2. Backfill everything into embedded H2 (%s)%n", jdbcUrl);
      SyncWiring now = SyncWiring.create(server.baseUrl(), TOKEN, 50, resources, store, cli.clock, progress);
      ServerStats before = server.stats();
      for (Resource r : resources) {
        out.println("  " + SyncRunCommand.format(now.engine.backfill(r)));
      }
      ServerStats backfill = server.stats().minus(before);
      out.println("  traffic: " + traffic(backfill));

      out.printf(Locale.ROOT, "%n== 3. Meanwhile on the server: 30 orders and 10 equipments change, 5 orders and 2 technicians are created%n");
      server.updateRandom(ApiResource.ORDERS, 30);
      server.updateRandom(ApiResource.EQUIPMENTS, 10);
      server.create(ApiResource.ORDERS, 5);
      server.create(ApiResource.TECHNICIANS, 2);

      Clock later = Clock.offset(cli.clock, Duration.ofHours(5));
      out.printf(Locale.ROOT, "%n== 4. Five hours later (simulated clock): `sync` asks the freshness policy per resource%n");
      out.println("  TTLs: orders 2h, equipments 4h, technicians 6h");
      SyncWiring then = SyncWiring.create(server.baseUrl(), TOKEN, 50, resources, store, later, progress);
      before = server.stats();
      for (Resource r : resources) {
        SyncResult res = then.engine.sync(r);
        out.println("  " + SyncRunCommand.format(res));
      }
      ServerStats delta = server.stats().minus(before);
      out.println("  traffic: " + traffic(delta));
      out.printf(Locale.ROOT, "  => the delta moved %d records in %d requests instead of %d records in %d requests: "
              + "%.1f%% fewer records, %.1f%% fewer bytes%n", delta.records(), delta.requests(), backfill.records(),
          backfill.requests(), 100.0 * (1 - (double) delta.records() / Math.max(1, backfill.records())),
          100.0 * (1 - (double) delta.bytes() / Math.max(1, backfill.bytes())));
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

  private static String traffic(ServerStats s) {
    return String.format(Locale.ROOT, "%d requests, %d records, %,d bytes", s.requests(), s.records(), s.bytes());
  }
}
