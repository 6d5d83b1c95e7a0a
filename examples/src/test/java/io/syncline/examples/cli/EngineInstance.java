package io.syncline.examples.cli;

import io.syncline.FreshnessPolicy;
import io.syncline.LeaseOwner;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncEvent;
import io.syncline.SyncResult;
import io.syncline.examples.dashboard.FieldServiceResources;
import io.syncline.http.HttpRecordSource;
import io.syncline.http.RateLimit;
import io.syncline.jdbc.JdbcRecordStore;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One application instance in a child JVM for {@link MultiInstanceTest}: an engine over the demo
 * API and a shared database server that runs {@code syncAll} in rounds, writing what it does to
 * an event log with {@link System#nanoTime()} (one clock for every process of this machine).
 *
 * <p>Arguments: api-url token jdbc-url db-user table-prefix host|- lease-millis mode log go-file,
 * where mode is {@code rounds:N} (N rounds of syncAll, every resource stale at once) or
 * {@code until-synced} (rounds until one round syncs every resource without skipping one). The
 * instance starts its first round once {@code go-file} exists. Log lines:
 * {@code <nanos> START|PAGE|END|FAILED|SKIP <resource> <detail>}.
 */
final class EngineInstance {
  private EngineInstance() {}

  public static void main(String[] args) throws Exception {
    URI api = URI.create(args[0]);
    String token = args[1];
    String jdbcUrl = args[2];
    String user = args[3].equals("-") ? null : args[3];
    String prefix = args[4];
    LeaseOwner owner = args[5].equals("-") ? LeaseOwner.current() : LeaseOwner.of(args[5]);
    Duration lease = Duration.ofMillis(Long.parseLong(args[6]));
    String mode = args[7];
    Path go = Path.of(args[9]);

    try (PrintWriter log = new PrintWriter(new FileOutputStream(args[8], true), true, StandardCharsets.UTF_8)) {
      JdbcRecordStore store = JdbcRecordStore.builder(SyncWiring.jdbi(jdbcUrl, user, null)).tablePrefix(prefix).build();
      List<Resource> resources = new ArrayList<>();
      HttpRecordSource.Builder source = HttpRecordSource.builder(api).bearerToken(token).rateLimit(RateLimit.perSecond(50));
      for (Resource r : FieldServiceResources.all()) {
        Resource small = r.toBuilder().pageSize(25).ttl(Duration.ofMillis(1)).build();
        resources.add(small);
        source.endpoint(small.name(), SyncWiring.endpoint(small));
      }
      SyncEngine engine = SyncEngine.builder(source.build(), store).resources(resources)
          .owner(owner).leaseDuration(lease)
          .freshnessPolicy(FreshnessPolicy.builder().defaultTtl(Duration.ofMillis(1)).build())
          .listener(e -> log.println(System.nanoTime() + " " + line(e)))
          .build();
      log.println(System.nanoTime() + " READY - " + owner.encode());
      while (!Files.exists(go)) {
        Thread.sleep(10);
      }
      int rounds = mode.startsWith("rounds:") ? Integer.parseInt(mode.substring(7)) : Integer.MAX_VALUE;
      for (int round = 1; round <= rounds; round++) {
        boolean complete = true;
        for (SyncResult r : engine.syncAll()) {
          if (r.skipped()) {
            log.println(System.nanoTime() + " SKIP " + r.resource() + " " + r.reason());
          }
          complete &= r.succeeded();
        }
        if (mode.equals("until-synced") && complete) {
          break;
        }
        Thread.sleep(150);
      }
      log.println(System.nanoTime() + " DONE - " + owner.encode());
    }
  }

  private static String line(SyncEvent e) {
    if (e instanceof SyncEvent.Started s) {
      return "START " + s.resource() + " " + s.mode() + " " + s.reason();
    }
    if (e instanceof SyncEvent.PageCommitted p) {
      return "PAGE " + p.resource() + " " + p.progress().pages();
    }
    if (e instanceof SyncEvent.Finished f) {
      return "END " + f.resource() + " " + f.result().mode();
    }
    SyncEvent.Failed f = (SyncEvent.Failed) e;
    return "FAILED " + f.resource() + " " + f.error().getMessage().replaceAll("[\\r\\n]+", " ");
  }
}
