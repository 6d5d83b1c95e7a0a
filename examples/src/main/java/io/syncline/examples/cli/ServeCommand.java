package io.syncline.examples.cli;

import io.syncline.examples.server.FieldServiceServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code serve}: runs the demo field-service API until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the demo field-service API on 127.0.0.1.")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand
  SynclineCli cli;

  @Option(names = "--port", defaultValue = "8080", description = "Port (0 picks a free one; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--token", description = "Bearer token clients must send (default: SYNCLINE_TOKEN or '"
      + FieldServiceServer.Builder.DEFAULT_TOKEN + "').")
  String token;

  @Mixin
  DemoDataOptions data;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rate-limit", defaultValue = "0",
      description = "Requests per second before answering 429 (0 = unlimited; default: ${DEFAULT-VALUE}).")
  int rateLimit;

  @Override
  public Integer call() throws InterruptedException {
    String secret = token != null ? token : cli.env.getOrDefault("SYNCLINE_TOKEN", FieldServiceServer.Builder.DEFAULT_TOKEN);
    FieldServiceServer.Builder b = FieldServiceServer.builder().clock(cli.clock).port(port).token(secret).orders(data.orders)
        .equipments(data.equipments).technicians(data.technicians).seed(seed);
    if (rateLimit > 0) {
      b.rateLimit(rateLimit);
    }
    FieldServiceServer server = b.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    cli.out.println("Field-service API listening on " + server.baseUrl() + " (" + data.orders + " orders, "
        + data.equipments + " equipments, " + data.technicians + " technicians, seed " + seed + ")");
    cli.out.flush();
    server.awaitStop();
    return 0;
  }
}
