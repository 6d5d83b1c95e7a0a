package io.syncline.examples.cli;

import io.syncline.Resource;
import io.syncline.SyncException;
import io.syncline.SyncResult;
import java.util.Locale;
import java.util.concurrent.Callable;

/** What {@code backfill}, {@code incremental} and {@code sync} share: run one mode per resource. */
abstract class SyncRunCommand extends ConnectedCommand implements Callable<Integer> {

  /** Runs this command's mode for one resource. */
  abstract SyncResult runOne(SyncWiring w, Resource r);

  @Override
  public Integer call() {
    SyncWiring w = wire();
    int code = 0;
    for (Resource r : w.resources) {
      try {
        cli.out.println(format(runOne(w, r)));
      } catch (SyncException e) {
        cli.err.println("error: " + SynclineCli.oneLine(e.getMessage())
            + " [stored data and the last checkpoint of " + r.name() + " are intact]");
        code = SynclineCli.SYNC_FAILED;
      }
    }
    return code;
  }

  static String format(SyncResult r) {
    return String.format(Locale.ROOT, "%-12s %-11s %5d pages %8d fetched %8d inserted %8d updated %8d unchanged %8.2fs  %s  %s",
        r.resource(), r.mode().name().toLowerCase(Locale.ROOT), r.pages(), r.fetched(), r.inserted(), r.updated(),
        r.unchanged(), r.duration().toMillis() / 1000.0, traffic(r.traffic()),
        r.mode() == io.syncline.SyncMode.NONE ? "(" + r.reason() + ")"
            : (r.notModified() ? "not modified, " : "") + r.cursor().map(c -> "cursor " + c.encode()).orElse(""));
  }

  /** E.g. {@code 48 req (0 not modified) 1.0 MiB wire / 4.5 MiB decoded}. */
  static String traffic(io.syncline.Traffic t) {
    return String.format(Locale.ROOT, "%d req (%d not modified) %s wire / %s decoded", t.requests(), t.notModified(),
        io.syncline.Traffic.bytes(t.wireBytes()), io.syncline.Traffic.bytes(t.decodedBytes()));
  }
}
