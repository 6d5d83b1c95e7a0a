package io.syncline.examples.cli;

import io.syncline.ResourceStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code status}: one row per resource, read from the store only (no API call). */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show each resource's last sync, data age, TTL, records, cursor, the policy's decision, lease and "
        + "records set aside.")
final class StatusCommand extends ConnectedCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    // The token is not needed to read local status.
    SyncWiring w = wire(false);
    List<ResourceStatus> rows = w.resources.stream().map(w.engine::status).toList();
    cli.out.print(StatusTable.render(rows, cli.clock.instant(), w.store::countRejected));
    return 0;
  }
}
