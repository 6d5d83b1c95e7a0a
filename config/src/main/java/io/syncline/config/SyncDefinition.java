package io.syncline.config;

import io.syncline.Resource;
import io.syncline.config.internal.Durations;
import io.syncline.http.Endpoint;
import io.syncline.http.HttpRecordSource;
import io.syncline.http.RateGovernor;
import io.syncline.http.RetrySettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A checked {@link SynclineConfig}: the {@link Resource}s and {@link Endpoint}s it describes, and
 * a ready {@link HttpRecordSource.Builder} for its API. The objects are the same ones code would
 * build, so everything the engine and the source do is the same whichever way they were made.
 *
 * <pre>{@code
 * SyncDefinition def = SyncDefinition.of(ConfigFiles.load(Path.of("syncline.yml")), "syncline.yml");
 * HttpRecordSource source = def.sourceBuilder(System::getenv).build();
 * SyncEngine engine = SyncEngine.builder(source, store).resources(def.resources()).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. The token is never part of it: {@link #sourceBuilder(Function)}
 * reads it from the environment when called.
 */
public final class SyncDefinition {
  private final String source;
  private final String keyPrefix;
  private final URI baseUrl;
  private final Optional<String> tokenEnv;
  private final Optional<RateGovernor> governor;
  private final RetrySettings retry;
  private final Optional<Duration> connectTimeout;
  private final Optional<Duration> requestTimeout;
  private final Optional<Long> maxPageBytes;
  private final Map<String, String> headers;
  private final List<String> secretParameters;
  private final List<Resource> resources;
  private final Map<String, Endpoint> endpoints;

  private SyncDefinition(String source, String keyPrefix, URI baseUrl, Optional<String> tokenEnv,
      Optional<RateGovernor> governor, RetrySettings retry, Optional<Duration> connectTimeout,
      Optional<Duration> requestTimeout, Optional<Long> maxPageBytes, Map<String, String> headers,
      List<String> secretParameters, List<Resource> resources, Map<String, Endpoint> endpoints) {
    this.source = source;
    this.keyPrefix = keyPrefix;
    this.baseUrl = baseUrl;
    this.tokenEnv = tokenEnv;
    this.governor = governor;
    this.retry = retry;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.maxPageBytes = maxPageBytes;
    this.headers = headers;
    this.secretParameters = secretParameters;
    this.resources = resources;
    this.endpoints = endpoints;
  }

  /**
   * Checks a configuration read from a file.
   *
   * @param config the configuration
   * @param source what to call it in messages, such as the file's path
   * @return the definition
   * @throws ConfigException naming the key when a value is missing, out of range or contradicts another
   */
  public static SyncDefinition of(SynclineConfig config, String source) {
    return of(config, source, "");
  }

  /**
   * Checks a configuration whose keys carry a prefix in their source, such as {@code syncline.}
   * for Spring properties.
   *
   * @param config the configuration
   * @param source what to call it in messages
   * @param keyPrefix put before every key in messages, such as {@code syncline.}
   * @return the definition
   * @throws ConfigException naming the key when a value is missing, out of range or contradicts another
   */
  public static SyncDefinition of(SynclineConfig config, String source, String keyPrefix) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Compiler c = new Compiler(source, keyPrefix);
    ApiConfig api = config.api();
    URI baseUrl = c.baseUrl(api);
    Optional<String> tokenEnv = c.tokenEnv(api.auth());
    Optional<RateGovernor> governor = c.governor(api.rateLimit());
    RetrySettings retry = c.retry(api.retry());
    Optional<Duration> connect = Optional.ofNullable(api.connectTimeout())
        .map(t -> positive(c, "api.connect-timeout", c.duration("api.connect-timeout", t)));
    Optional<Duration> request = Optional.ofNullable(api.requestTimeout())
        .map(t -> positive(c, "api.request-timeout", c.duration("api.request-timeout", t)));
    if (api.maxPageBytes() != null && api.maxPageBytes() < 1) {
      throw c.error("api.max-page-bytes", "must be positive, was " + api.maxPageBytes());
    }
    for (String h : api.headers().keySet()) {
      if (h.equalsIgnoreCase("Authorization")) {
        throw c.error("api.headers." + h, "credentials never go in the file; use api.auth.token-env");
      }
    }
    if (config.resources().isEmpty()) {
      throw c.error("resources", "none declared; declare at least one, such as resources.orders.path: /v1/orders");
    }
    List<Resource> resources = new ArrayList<>();
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    config.resources().forEach((name, r) -> {
      resources.add(c.resource(name, r));
      endpoints.put(name, c.endpoint(name, r, api.listing(), api.convention()));
    });
    return new SyncDefinition(source, keyPrefix, baseUrl, tokenEnv, governor, retry, connect, request,
        Optional.ofNullable(api.maxPageBytes()), Map.copyOf(api.headers()), api.secretParameters(),
        List.copyOf(resources), Collections.unmodifiableMap(endpoints));
  }

  private static Duration positive(Compiler c, String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw c.error(key, "must be positive; " + Durations.ALLOWED);
    }
    return d;
  }

  /** @return where the configuration came from, for messages */
  public String source() {
    return source;
  }

  /** @return the API's base URL */
  public URI baseUrl() {
    return baseUrl;
  }

  /** @return the environment variable that holds the bearer token, if the API needs one */
  public Optional<String> tokenEnv() {
    return tokenEnv;
  }

  /** @return the declared resources, in declaration order */
  public List<Resource> resources() {
    return resources;
  }

  /** @return the declared resources' names, in declaration order */
  public List<String> resourceNames() {
    return resources.stream().map(Resource::name).toList();
  }

  /**
   * Looks up a declared resource.
   *
   * @param name the resource's name
   * @return the resource, if declared
   */
  public Optional<Resource> resource(String name) {
    return resources.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** @return each resource's endpoint, by resource name, in declaration order */
  public Map<String, Endpoint> endpoints() {
    return endpoints;
  }

  /**
   * Whether a resource's backfill can be limited to a date range (it declares {@code date-range}).
   *
   * @param resource the resource's name
   * @return true when its endpoint has date-range parameters
   */
  public boolean supportsDateRange(String resource) {
    Endpoint e = endpoints.get(resource);
    return e != null && e.dateFromParameter().isPresent();
  }

  /** @return the retry settings */
  public RetrySettings retry() {
    return retry;
  }

  /**
   * The governor the configuration's rate limit describes. The same instance on every call, so
   * every source built from this definition shares one rate.
   *
   * @return the governor, if a rate limit is configured
   */
  public Optional<RateGovernor> governor() {
    return governor;
  }

  /**
   * A source builder for every declared resource, with the configuration's auth, rate, retries,
   * timeouts and headers. Callers may set more (clock, sleeper, listener) before building.
   *
   * @param env looks up environment variables (such as {@code System::getenv}); asked only for
   *     the configured {@code token-env}
   * @return a new builder
   * @throws ConfigException when the token's environment variable is not set
   */
  public HttpRecordSource.Builder sourceBuilder(Function<String, String> env) {
    return sourceBuilder(env, resourceNames());
  }

  /**
   * Like {@link #sourceBuilder(Function)} for some of the resources.
   *
   * @param env looks up environment variables
   * @param names the resources to describe endpoints for, each declared
   * @return a new builder
   * @throws ConfigException when a resource is not declared or the token is missing
   */
  public HttpRecordSource.Builder sourceBuilder(Function<String, String> env, List<String> names) {
    return sourceBuilder(baseUrl, env, names);
  }

  /**
   * Like {@link #sourceBuilder(Function, List)} against another base URL (a test server, a
   * staging host), with every other setting of the configuration.
   *
   * @param otherBaseUrl the base URL to use instead of {@code api.base-url}
   * @param env looks up environment variables
   * @param names the resources to describe endpoints for, each declared
   * @return a new builder
   * @throws ConfigException when a resource is not declared or the token is missing
   */
  public HttpRecordSource.Builder sourceBuilder(URI otherBaseUrl, Function<String, String> env, List<String> names) {
    Objects.requireNonNull(env, "env");
    HttpRecordSource.Builder b = HttpRecordSource.builder(otherBaseUrl);
    if (tokenEnv.isPresent()) {
      String token = env.apply(tokenEnv.get());
      if (token == null || token.isBlank()) {
        throw new ConfigException(source, keyPrefix + "api.auth.token-env",
            "the environment variable " + tokenEnv.get() + " is not set; it must hold the API token", null);
      }
      b.bearerToken(token);
    }
    governor.ifPresent(b::governor);
    b.retry(retry);
    connectTimeout.ifPresent(b::connectTimeout);
    requestTimeout.ifPresent(b::requestTimeout);
    maxPageBytes.ifPresent(b::maxPageBytes);
    headers.forEach(b::header);
    secretParameters.forEach(b::secretParameter);
    for (String name : names) {
      Endpoint e = endpoints.get(name);
      if (e == null) {
        throw new ConfigException(source, keyPrefix + "resources", "no resource '" + name + "' is declared; "
            + "declared: " + String.join(", ", resourceNames()), null);
      }
      b.endpoint(name, e);
    }
    return b;
  }

  @Override
  public String toString() {
    return "SyncDefinition[" + source + ", " + baseUrl + ", resources=" + resourceNames() + "]";
  }
}
