package io.syncline.examples.cli;

import io.syncline.examples.dashboard.FieldServiceResources;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every sync command shares: where the API and the database are, and what to sync. */
final class ConnectionOptions {
  static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./syncline-data/syncline";

  @Option(names = "--api-url", defaultValue = "http://127.0.0.1:8080",
      description = "Base URL of an API that follows the field-service contract (default: ${DEFAULT-VALUE}).")
  URI apiUrl;

  @Option(names = "--token", description = "Bearer token (default: the SYNCLINE_TOKEN environment variable).")
  String token;

  @Option(names = "--jdbc-url", defaultValue = DEFAULT_JDBC_URL,
      description = "JDBC URL of the local store (default: ${DEFAULT-VALUE}); H2, PostgreSQL and MariaDB drivers are bundled.")
  String jdbcUrl;

  @Option(names = "--db-user", description = "Database user.")
  String dbUser;

  @Option(names = "--db-password", description = "Database password (never printed).")
  String dbPassword;

  @Option(names = "--resource", split = ",", paramLabel = "NAME",
      description = "Resources to sync: orders,equipments,technicians (default: all).")
  List<String> resources;

  @Option(names = "--since", description = "First date (YYYY-MM-DD) for backfills; on orders it becomes created_from.")
  LocalDate since;

  @Option(names = "--until", description = "Last date (YYYY-MM-DD) for backfills; on orders it becomes created_to.")
  LocalDate until;

  @Option(names = "--per-page", defaultValue = "" + FieldServiceResources.PAGE_SIZE,
      description = "Records per request, 1..500 (default: ${DEFAULT-VALUE}).")
  int perPage;

  @Option(names = "--lookback", converter = DurationConverter.class,
      description = "Window re-read before the cursor for late records: 90s, 5m, 2h or PT5M (default: 5m).")
  Duration lookback;

  @Option(names = "--db-retry", converter = DurationConverter.class, defaultValue = "2m",
      description = "How long to wait out a database that went away (restart, failover) before failing: 0s..24h (default: 2m).")
  Duration dbRetry;

  @Option(names = "--rate-limit", defaultValue = "20",
      description = "Maximum requests per second to the API (default: ${DEFAULT-VALUE}).")
  int rateLimit;

  String token(java.util.Map<String, String> env) {
    if (token != null && !token.isBlank()) {
      return token;
    }
    String fromEnv = env.get("SYNCLINE_TOKEN");
    return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
  }
}
