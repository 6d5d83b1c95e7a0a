package io.syncline.examples.cli;

import io.syncline.DateRange;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncListener;
import io.syncline.config.ConfigException;
import io.syncline.config.ConfigFiles;
import io.syncline.config.SyncDefinition;
import io.syncline.examples.fieldservice.FieldServiceResources;
import io.syncline.http.Endpoint;
import io.syncline.http.HttpRecordSource;
import io.syncline.http.RateLimit;
import io.syncline.jdbc.JdbcRecordStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine;

/**
 * Wires Syncline to an API described by a configuration file (the bundled field-service one
 * unless {@code --config} names another) and a JDBC database, as an application would: the
 * resources, an HTTP source with one endpoint each, the JDBC store and the engine.
 */
final class SyncWiring implements AutoCloseable {
  /** The demo API's address when neither --api-url nor --config says otherwise. */
  static final URI DEMO_API_URL = URI.create("http://127.0.0.1:8080");

  final SyncDefinition definition;
  final List<Resource> resources;
  final HttpRecordSource source;
  final JdbcRecordStore store;
  final SyncEngine engine;
  private HikariDataSource pool;

  private SyncWiring(SyncDefinition definition, List<Resource> resources, HttpRecordSource source,
      JdbcRecordStore store, SyncEngine engine) {
    this.definition = definition;
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

  static SyncWiring from(ConnectionOptions o, Map<String, String> env, boolean tokenRequired, Clock clock,
      SyncListener listener, java.io.PrintStream err, CommandLine.Model.CommandSpec spec, Duration leaseWait) {
    CommandLine cl = spec.commandLine();
    if (o.perPage != null && (o.perPage < 1 || o.perPage > 100_000)) {
      throw new CommandLine.ParameterException(cl, "--per-page must be 1..100000: " + o.perPage);
    }
    if (o.rateLimit != null && o.rateLimit <= 0) {
      throw new CommandLine.ParameterException(cl, "--rate-limit must be positive: " + o.rateLimit);
    }
    if (o.since != null && o.until != null && o.since.isAfter(o.until)) {
      throw new CommandLine.ParameterException(cl, "--since " + o.since + " is after --until " + o.until);
    }
    if (o.dbRetry.isNegative() || o.dbRetry.compareTo(Duration.ofHours(24)) > 0) {
      throw new CommandLine.ParameterException(cl, "--db-retry must be 0s..24h: " + o.dbRetry);
    }
    if (tokenRequired) {
      HeadStart.tls(); // a command that calls the API
    }
    HikariDataSource pool = pool(o.jdbcUrl, o.dbUser, o.dbPassword);
    try {
      JdbcRecordStore store = JdbcRecordStore.builder(Jdbi.create(pool))
          .retryBudget(o.dbRetry).retryListener(new StoreRetryPrinter(err)).build();
      HeadStart.store(pool, store);
      SyncDefinition def;
      try {
        def = o.config == null ? FieldServiceResources.definition() : SyncDefinition.of(ConfigFiles.load(o.config),
            o.config.toString());
      } catch (ConfigException e) {
        throw new CommandLine.ParameterException(cl, e.getMessage());
      }
      URI apiUrl = o.apiUrl != null ? o.apiUrl : o.config == null ? DEMO_API_URL : def.baseUrl();
      Function<String, String> tokens = name -> {
        if (o.token != null && !o.token.isBlank()) {
          return o.token;
        }
        String v = env.get(name);
        return v == null || v.isBlank() ? (tokenRequired ? null : "unused") : v;
      };
      if (tokenRequired && def.tokenEnv().isPresent() && tokens.apply(def.tokenEnv().get()) == null) {
        throw new CommandLine.ParameterException(cl, "No API token: pass --token or set " + def.tokenEnv().get());
      }
      List<Resource> chosen = choose(def, o, spec);
      SyncWiring w = create(def, apiUrl, tokens, o.rateLimit, chosen, store, clock, listener, leaseWait,
          !o.noCompression);
      w.pool = pool;
      return w;
    } catch (RuntimeException | Error e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Wires a definition's resources (or some of them, possibly modified) to a store.
   *
   * @param apiUrl where the API is, overriding the definition's base URL
   * @param tokens looks up the definition's token variable
   * @param rate requests per second overriding the definition's rate limit, or null
   */
  static SyncWiring create(SyncDefinition def, URI apiUrl, Function<String, String> tokens, Integer rate,
      List<Resource> resources, JdbcRecordStore store, Clock clock, SyncListener listener) {
    return create(def, apiUrl, tokens, rate, resources, store, clock, listener, Duration.ZERO);
  }

  /** Like {@link #create(SyncDefinition, URI, Function, Integer, List, JdbcRecordStore, Clock, SyncListener)}, waiting up to {@code leaseWait} for a busy resource. */
  static SyncWiring create(SyncDefinition def, URI apiUrl, Function<String, String> tokens, Integer rate,
      List<Resource> resources, JdbcRecordStore store, Clock clock, SyncListener listener, Duration leaseWait) {
    return create(def, apiUrl, tokens, rate, resources, store, clock, listener, leaseWait, true);
  }

  /**
   * Like {@link #create(SyncDefinition, URI, Function, Integer, List, JdbcRecordStore, Clock, SyncListener,
   * Duration)}, asking for gzip bodies or not.
   */
  static SyncWiring create(SyncDefinition def, URI apiUrl, Function<String, String> tokens, Integer rate,
      List<Resource> resources, JdbcRecordStore store, Clock clock, SyncListener listener, Duration leaseWait,
      boolean compression) {
    HttpRecordSource.Builder sb = def.sourceBuilder(apiUrl, tokens, resources.stream().map(Resource::name).toList())
        .compression(compression)
        .userAgent("syncline-examples-cli (https://github.com/syncline/syncline)");
    if (rate != null) {
      sb.rateLimit(RateLimit.perSecond(rate));
    }
    HttpRecordSource source = sb.clock(clock).build();
    SyncEngine.Builder eb = SyncEngine.builder(source, store).resources(resources).clock(clock)
        .waitForLease(leaseWait);
    if (listener != null) {
      eb.listener(listener);
    }
    return new SyncWiring(def, resources, source, store, eb.build());
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
    // While the database is down each attempt of the store's retry waits this long for a connection.
    config.setConnectionTimeout(5_000);
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

  /** The bundled field-service endpoint of a demo resource (tests use it for resources of their own sizes). */
  static Endpoint endpoint(Resource r) {
    Endpoint e = FieldServiceResources.definition().endpoints().get(r.name());
    if (e == null) {
      throw new IllegalArgumentException("not a field-service resource: " + r.name());
    }
    return e;
  }

  private static List<Resource> choose(SyncDefinition def, ConnectionOptions o, CommandLine.Model.CommandSpec spec) {
    List<String> names = o.resources == null || o.resources.isEmpty() ? def.resourceNames() : o.resources;
    List<Resource> chosen = new ArrayList<>();
    for (String name : names) {
      Resource r = def.resource(name.trim()).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
          "Unknown resource '" + name + "'; " + def.source() + " declares " + String.join(", ", def.resourceNames())));
      Resource.Builder b = r.toBuilder();
      if (o.perPage != null) {
        b.pageSize(o.perPage);
      }
      if (o.lookback != null) {
        b.lookback(o.lookback);
      }
      chosen.add(b.build());
    }
    return chosen;
  }

  /** The date range for a resource's backfill: only resources whose endpoint declares a date-range filter by date. */
  Optional<DateRange> rangeFor(Resource r, ConnectionOptions o) {
    if (!definition.supportsDateRange(r.name()) || (o.since == null && o.until == null)) {
      return Optional.empty();
    }
    return Optional.of(new DateRange(Optional.ofNullable(o.since), Optional.ofNullable(o.until)));
  }
}
