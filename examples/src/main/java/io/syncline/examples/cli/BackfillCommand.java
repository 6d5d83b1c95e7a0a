package io.syncline.examples.cli;

import io.syncline.Resource;
import io.syncline.SyncResult;
import picocli.CommandLine.Command;

/** {@code backfill}: a complete, checkpointed read of each resource (resumes a stopped one). */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    footerHeading = "%nExit codes:%n", footer = SynclineCli.EXIT_CODES,
    description = "Backfill resources (those with a date-range optionally limited to --since/--until), resuming a stopped backfill.")
final class BackfillCommand extends SyncRunCommand {
  @Override
  SyncResult runOne(SyncWiring w, Resource r) {
    return w.rangeFor(r, options).map(range -> w.engine.backfill(r, range)).orElseGet(() -> w.engine.backfill(r));
  }
}
