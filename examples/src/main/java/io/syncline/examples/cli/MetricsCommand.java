package io.syncline.examples.cli;

import io.syncline.LocalRead;
import io.syncline.examples.dashboard.OrderDashboard;
import io.syncline.examples.dashboard.OrderMetrics;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code metrics}: the dashboard service's answer, read local-first. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = "Orders by status, open orders per technician and orders per day, read local-first.")
final class MetricsCommand extends ConnectedCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    SyncWiring w = wire();
    LocalRead<OrderDashboard> d = new OrderMetrics(w.engine, w.store).dashboard();
    print(cli.out, d);
    return 0;
  }

  static void print(PrintStream out, LocalRead<OrderDashboard> d) {
    out.println("Orders dashboard — data source: " + d.origin()
        + d.age().map(a -> ", age " + StatusTable.human(a)).orElse("")
        + d.error().map(e -> " (WARNING: serving stale local data, sync failed: " + SynclineCli.oneLine(e.getMessage()) + ")")
            .orElse(""));
    OrderDashboard v = d.value();
    out.println("  orders stored: " + v.orders());
    out.print("  by status:");
    for (Map.Entry<String, Long> e : v.byStatus().entrySet()) {
      out.print("  " + e.getKey() + "=" + e.getValue());
    }
    out.println();
    out.println("  open orders: " + v.open().total() + " across " + v.open().perTechnician().size()
        + " technicians (" + v.open().unassigned() + " unassigned); busiest: "
        + v.open().perTechnician().entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
            .limit(3).map(e -> "#" + e.getKey() + "=" + e.getValue()).toList());
    long last30 = v.createdPerDay().values().stream().mapToLong(Long::longValue).sum();
    out.println(String.format(Locale.ROOT, "  created in the last 30 days: %d (%.1f per day)", last30,
        last30 / Math.max(1.0, v.createdPerDay().size())));
  }
}
