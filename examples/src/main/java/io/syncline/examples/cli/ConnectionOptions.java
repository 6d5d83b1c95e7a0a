package io.syncline.examples.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every sync command shares: where the API and the database are, and what to sync. */
final class ConnectionOptions {
  static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./syncline-data/syncline";

  @Option(names = "--config", paramLabel = "FILE",
      description = "Syncline configuration (YAML) of the API and its resources (default: the bundled "
          + "field-service.yml for the demo API).")
  Path config;

  @Option(names = "--api-url",
      description = "Base URL of the API (default: the config file's api.base-url; http://127.0.0.1:8080 for the demo API).")
  URI apiUrl;

  @Option(names = "--token", description = "Bearer token (default: the environment variable the config names "
      + "in api.auth.token-env, SYNCLINE_TOKEN for the demo API).")
  String token;

  @Option(names = "--jdbc-url", defaultValue = DEFAULT_JDBC_URL,
      description = "JDBC URL of the local store (default: ${DEFAULT-VALUE}); H2, PostgreSQL and MariaDB drivers are bundled.")
  String jdbcUrl;

  @Option(names = "--db-user", description = "Database user.")
  String dbUser;

  @Option(names = "--db-password", description = "Database password (never printed).")
  String dbPassword;

  @Option(names = "--resource", split = ",", paramLabel = "NAME",
      description = "Resources to sync, as the config declares them (default: all; demo API: orders,equipments,technicians).")
  List<String> resources;

  @Option(names = "--since", description = "First date (YYYY-MM-DD) for backfills of resources with a date-range (demo API: orders' created_from).")
  LocalDate since;

  @Option(names = "--until", description = "Last date (YYYY-MM-DD) for backfills of resources with a date-range (demo API: orders' created_to).")
  LocalDate until;

  @Option(names = "--per-page",
      description = "Records per request, 1..100000, clamped to the API's maximum (default: each resource's page-size; 500 for the demo API).")
  Integer perPage;

  @Option(names = "--lookback", converter = DurationConverter.class,
      description = "Window re-read before the cursor for late records: 90s, 5m, 2h or PT5M (default: each resource's lookback; 5m for the demo API).")
  Duration lookback;

  @Option(names = "--db-retry", converter = DurationConverter.class, defaultValue = "2m",
      description = "How long to wait out a database that went away (restart, failover) before failing: 0s..24h (default: 2m).")
  Duration dbRetry;

  @Option(names = "--rate-limit",
      description = "Maximum requests per second to the API (default: the config's api.rate-limit; 20 for the demo API).")
  Integer rateLimit;

  @Option(names = "--uncompressed",
      description = "Ask the API for uncompressed bodies (default: gzip, decoded while parsing).")
  boolean noCompression;
}
