package io.syncline.examples.cli;

import io.syncline.SyncListener;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that talks to an API and a database: the shared options and the wiring. */
abstract class ConnectedCommand {

  @ParentCommand
  SynclineCli cli;

  @Spec
  CommandSpec spec;

  @Mixin
  ConnectionOptions options;

  /** Wires source, store and engine; the token is required. */
  SyncWiring wire() {
    return wire(options.token(cli.env));
  }

  SyncWiring wire(String token) {
    return SyncWiring.from(options, token, cli.clock, progress(), spec, leaseWait());
  }

  /** @return how long a run waits for a lease another live instance holds; zero by default */
  Duration leaseWait() {
    return Duration.ZERO;
  }

  SyncListener progress() {
    return new ProgressPrinter(cli.err, System.console() != null, Duration.ofSeconds(2));
  }
}
