package io.syncline.examples.cli;

import io.syncline.Resource;
import io.syncline.SyncResult;
import picocli.CommandLine.Command;

/** {@code sync}: what the freshness policy decides per resource. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    footerHeading = "%nExit codes:%n", footer = SynclineCli.EXIT_CODES,
    description = "Backfill when nothing is stored, a delta when stale, nothing when fresh.")
final class SyncCommand extends SyncRunCommand {
  @Override
  SyncResult runOne(SyncWiring w, Resource r) {
    return w.engine.sync(r);
  }
}
