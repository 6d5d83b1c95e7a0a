package io.syncline.examples.cli;

import io.syncline.LeaseOwner;
import io.syncline.Resource;
import io.syncline.ResourceBusyException;
import io.syncline.SyncException;
import io.syncline.SyncResult;
import io.syncline.SyncStoppedException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * What {@code backfill}, {@code incremental} and {@code sync} share: run one mode per resource.
 * A resource another live instance is syncing is reported as skipped and does not fail the command
 * (unless {@code --wait-for-lease} is given, then it waits that long first); Ctrl-C or SIGTERM
 * ends the run after the current page with the lease released.
 */
abstract class SyncRunCommand extends ConnectedCommand implements Callable<Integer> {

  @Option(names = "--wait-for-lease", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "When another live instance is syncing a resource, wait up to this long for it "
          + "(90s, 5m, PT2M) instead of skipping the resource (default: 0, skip at once).")
  Duration waitForLease;

  /** Runs this command's mode for one resource. */
  abstract SyncResult runOne(SyncWiring w, Resource r);

  @Override
  Duration leaseWait() {
    return waitForLease == null ? Duration.ZERO : waitForLease;
  }

  @Override
  public Integer call() {
    SyncWiring w = wire();
    int code = 0;
    try (StopOnSignal guard = StopOnSignal.install(w.engine, cli.err, cli.stopOnSignal); w) {
      for (Resource r : w.resources) {
        try {
          cli.out.println(format(runOne(w, r)));
        } catch (SyncStoppedException e) {
          cli.err.println("stopped: " + SynclineCli.oneLine(e.getMessage())
              + "; run the same command again to continue");
          code = SynclineCli.STOPPED;
          break;
        } catch (ResourceBusyException e) {
          cli.out.println(skipped(e));
        } catch (SyncException e) {
          cli.err.println("error: " + SynclineCli.oneLine(e.getMessage())
              + " [stored data and the last checkpoint of " + r.name() + " are intact]");
          code = SynclineCli.SYNC_FAILED;
        }
      }
      cli.out.flush();
      cli.err.flush();
    }
    return code;
  }

  static String skipped(ResourceBusyException e) {
    String who = e.holderOwner().map(LeaseOwner::describe).orElse(e.holder());
    return String.format(Locale.ROOT, "%-12s %-11s busy: another instance (%s) is syncing it%s; not a failure",
        e.resource(), "skipped", who, e.expiresAt() == null ? "" : ", lease until " + e.expiresAt());
  }

  static String format(SyncResult r) {
    return String.format(Locale.ROOT, "%-12s %-11s %5d pages %8d fetched %8d inserted %8d updated %8d unchanged %6d deleted%s %8.2fs  %s  %s",
        r.resource(), r.mode().name().toLowerCase(Locale.ROOT), r.pages(), r.fetched(), r.inserted(), r.updated(),
        r.unchanged(), r.deleted(), r.rejected() > 0 ? String.format(Locale.ROOT, " %6d rejected", r.rejected()) : "",
        r.duration().toMillis() / 1000.0, traffic(r.traffic()),
        r.mode() == io.syncline.SyncMode.NONE ? "(" + r.reason() + ")"
            : (r.notModified() ? "not modified, " : "") + r.cursor().map(c -> "cursor " + c.encode()).orElse(""));
  }

  /** E.g. {@code 48 req (0 not modified) 1.0 MiB wire / 4.5 MiB decoded}. */
  static String traffic(io.syncline.Traffic t) {
    return String.format(Locale.ROOT, "%d req (%d not modified) %s wire / %s decoded", t.requests(), t.notModified(),
        io.syncline.Traffic.bytes(t.wireBytes()), io.syncline.Traffic.bytes(t.decodedBytes()));
  }
}
