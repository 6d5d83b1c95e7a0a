package io.syncline.examples.cli;

import picocli.CommandLine.Option;

/** How much data the demo API generates. */
final class DemoDataOptions {
  @Option(names = "--orders", defaultValue = "5000", description = "Orders to generate (default: ${DEFAULT-VALUE}).")
  int orders;

  @Option(names = "--equipments", defaultValue = "800", description = "Equipments (default: ${DEFAULT-VALUE}).")
  int equipments;

  @Option(names = "--technicians", defaultValue = "60", description = "Technicians (default: ${DEFAULT-VALUE}).")
  int technicians;
}
