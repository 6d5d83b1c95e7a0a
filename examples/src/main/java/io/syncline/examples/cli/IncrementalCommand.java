package io.syncline.examples.cli;

import io.syncline.Resource;
import io.syncline.SyncResult;
import picocli.CommandLine.Command;

/** {@code incremental}: fetch what changed since each resource's cursor. */
@Command(name = "incremental", mixinStandardHelpOptions = true,
    footerHeading = "%nExit codes:%n", footer = SynclineCli.EXIT_CODES,
    description = "Fetch only new or changed records since the stored cursor.")
final class IncrementalCommand extends SyncRunCommand {
  @Override
  SyncResult runOne(SyncWiring w, Resource r) {
    return w.engine.incremental(r);
  }
}
