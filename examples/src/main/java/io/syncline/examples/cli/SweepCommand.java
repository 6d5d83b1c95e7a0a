package io.syncline.examples.cli;

import io.syncline.Resource;
import io.syncline.SyncResult;
import picocli.CommandLine.Command;

/** {@code sweep}: an id sweep now, marking deleted the local records the API no longer lists. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    footerHeading = "%nExit codes:%n", footer = SynclineCli.EXIT_CODES,
    description = "List every id (fields=id where the API offers it) and mark deleted the local records no "
        + "longer listed; marks nothing if the sweep fails, is stopped, or would mark more than the "
        + "resource's max-sweep-share (default 10 %%).")
final class SweepCommand extends SyncRunCommand {
  @Override
  SyncResult runOne(SyncWiring w, Resource r) {
    return w.engine.sweep(r);
  }
}
