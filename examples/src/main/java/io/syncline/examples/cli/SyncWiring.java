package io.syncline.examples.cli;

import io.syncline.DateRange;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncListener;
import io.syncline.examples.dashboard.FieldServiceResources;
import io.syncline.http.Endpoint;
import io.syncline.http.HttpRecordSource;
import io.syncline.http.RateLimit;
import io.syncline.jdbc.JdbcRecordStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine;

/**
 * Wires Syncline to a field-service API and a JDBC database, as an application would: the three
 * resources, an HTTP source with one endpoint each, the JDBC store and the engine.
 */
final class SyncWiring implements AutoCloseable {
  final List<Resource> resources;
  final HttpRecordSource source;
  final JdbcRecordStore store;
  final SyncEngine engine;
  private HikariDataSource pool;

  private SyncWiring(List<Resource> resources, HttpRecordSource source, JdbcRecordStore store, SyncEngine engine) {
    this.resources = resources;
    this.source = source;
    this.store = store;
    this.engine = engine;
  }

  /**
   * Closes the connection pool, if this wiring opened it. Embedded H2 writes its last commits
   * (the lease release among them) to disk when its last connection closes; a JVM that exits
   * without closing may lose up to its write delay of them.
   */
  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }

  static SyncWiring from(ConnectionOptions o, String token, Clock clock, SyncListener listener,
      CommandLine.Model.CommandSpec spec, Duration leaseWait) {
    if (token == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "No API token: pass --token or set SYNCLINE_TOKEN");
    }
    if (o.perPage < 1 || o.perPage > 500) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--per-page must be 1..500: " + o.perPage);
    }
    if (o.rateLimit <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rate-limit must be positive: " + o.rateLimit);
    }
    if (o.since != null && o.until != null && o.since.isAfter(o.until)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--since " + o.since + " is after --until " + o.until);
    }
    List<Resource> chosen = choose(o, spec);
    HikariDataSource pool = pool(o.jdbcUrl, o.dbUser, o.dbPassword);
    JdbcRecordStore store = JdbcRecordStore.builder(Jdbi.create(pool)).build();
    SyncWiring w = create(o.apiUrl, token, o.rateLimit, chosen, store, clock, listener, leaseWait);
    w.pool = pool;
    return w;
  }

  static SyncWiring create(URI apiUrl, String token, int rate, List<Resource> resources,
      JdbcRecordStore store, Clock clock, SyncListener listener) {
    return create(apiUrl, token, rate, resources, store, clock, listener, Duration.ZERO);
  }

  static SyncWiring create(URI apiUrl, String token, int rate, List<Resource> resources,
      JdbcRecordStore store, Clock clock, SyncListener listener, Duration leaseWait) {
    HttpRecordSource.Builder sb = HttpRecordSource.builder(apiUrl).bearerToken(token)
        .rateLimit(RateLimit.perSecond(rate));
    for (Resource r : resources) {
      sb.endpoint(r.name(), endpoint(r));
    }
    HttpRecordSource source = sb.build();
    SyncEngine.Builder eb = SyncEngine.builder(source, store).resources(resources).clock(clock)
        .waitForLease(leaseWait);
    if (listener != null) {
      eb.listener(listener);
    }
    return new SyncWiring(resources, source, store, eb.build());
  }

  /**
   * A Jdbi over a small connection pool on a JDBC URL; user and password are optional (embedded
   * H2 needs neither). The pool's threads are daemons and it closes with the JVM.
   */
  static Jdbi jdbi(String url, String user, String password) {
    return Jdbi.create(pool(url, user, password));
  }

  private static HikariDataSource pool(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(keepOpenUntilReleased(url));
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(1);
    config.setPoolName("syncline-cli");
    config.setInitializationFailTimeout(-1); // report a database that is down when it is used, with the resource
    return new HikariDataSource(config);
  }

  /**
   * Embedded H2 closes its database from a JVM shutdown hook of its own, which on Ctrl-C or
   * SIGTERM would race the run that is committing its last page and releasing its lease; the pool
   * closes it instead.
   */
  static String keepOpenUntilReleased(String url) {
    if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
      return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }
    return url;
  }

  static Endpoint endpoint(Resource r) {
    Endpoint.Builder b = Endpoint.builder("/v1/" + r.name());
    if (r.name().equals(FieldServiceResources.ORDERS.name())) {
      b.dateRange("created_from", "created_to");
    }
    if (r.cursorField().isEmpty()) {
      b.noTimestampFilter();
    }
    return b.build();
  }

  private static List<Resource> choose(ConnectionOptions o, CommandLine.Model.CommandSpec spec) {
    List<Resource> all = FieldServiceResources.all();
    List<String> names = o.resources == null || o.resources.isEmpty()
        ? all.stream().map(Resource::name).toList() : o.resources;
    List<Resource> chosen = new ArrayList<>();
    for (String name : names) {
      Resource r = all.stream().filter(x -> x.name().equals(name.trim())).findFirst()
          .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
              "Unknown resource '" + name + "'; use orders, equipments, technicians"));
      Resource.Builder b = r.toBuilder().pageSize(o.perPage);
      if (o.lookback != null) {
        b.lookback(o.lookback);
      }
      chosen.add(b.build());
    }
    return chosen;
  }

  /** The date range for a resource's backfill: only orders filter by creation date. */
  static Optional<DateRange> rangeFor(Resource r, ConnectionOptions o) {
    if (!r.name().equals(FieldServiceResources.ORDERS.name()) || (o.since == null && o.until == null)) {
      return Optional.empty();
    }
    return Optional.of(new DateRange(Optional.ofNullable(o.since), Optional.ofNullable(o.until)));
  }
}
