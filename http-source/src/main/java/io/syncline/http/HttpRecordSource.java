package io.syncline.http;

import io.syncline.SyncException;
import io.syncline.http.internal.EndpointFetcher;
import io.syncline.http.internal.RetryLoop;
import io.syncline.http.internal.Transport;
import io.syncline.http.internal.UrlRedactor;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.RecordSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link RecordSource} that pages through a JSON HTTP API with {@link java.net.http.HttpClient},
 * politely (client-side rate, retries with backoff, the server's {@code Retry-After} and quota
 * headers) and safely (a page is returned only when read whole; the token never leaves the API's
 * origin and never appears in messages).
 *
 * <pre>{@code
 * HttpRecordSource source = HttpRecordSource.builder(URI.create("https://api.example.com"))
 *     .bearerToken(() -> tokens.current())
 *     .rateLimit(RateLimit.perSecond(10))
 *     .endpoint("orders", Conventions.demoApi("/v1/orders").dateRange("created_from", "created_to").build())
 *     .endpoint("equipments", Conventions.demoApi("/v1/equipments").build())
 *     .endpoint("technicians", Conventions.demoApi("/v1/technicians").noTimestampFilter().build())
 *     .build();
 * }</pre>
 *
 * <p>Bodies travel compressed: every request asks for {@code Accept-Encoding: gzip, deflate}, and a
 * compressed body is decoded as a stream straight into the JSON parser, never inflated whole
 * ({@link Builder#compression(boolean)} turns this off). The first page of an incremental pass is
 * asked conditionally ({@code If-None-Match} / {@code If-Modified-Since}) when the engine hands a
 * validator from the previous pass whose request was exactly this one; a {@code 304} ends the pass
 * as unchanged. Every page reports its {@link io.syncline.Traffic}: requests, {@code 304}s, body
 * bytes on the wire and decoded.
 *
 * <p>Defaults: no token, connect timeout 10 s, request timeout 30 s, at most 64 MiB per response
 * body (on the wire and decoded), compression on, {@code User-Agent: syncline/<version>}, no client-side rate (a governor of its own that still honours the server's quota signals),
 * {@link RetrySettings#ofDefaults()}, the system clock and a sleeping {@link Sleeper}. Instances are
 * immutable and thread-safe: they keep no state between pages (the position lives in the engine's
 * request and continuation), so the engine may fetch the next page on another thread while it
 * writes the current one, and pages of several resources at once.
 */
public final class HttpRecordSource implements RecordSource {
  private final URI baseUrl;
  private final Map<String, EndpointFetcher> fetchers;
  private final Map<String, EndpointFetcher> feedFetchers;
  private final Map<String, EndpointFetcher> idFetchers;
  private final Map<String, Endpoint> endpoints;
  private final boolean authenticated;
  private final RateGovernor governor;
  private final RetrySettings retry;
  private final boolean compression;
  private final String userAgent;

  private HttpRecordSource(Builder b, Map<String, EndpointFetcher> fetchers, Map<String, EndpointFetcher> feeds,
      Map<String, EndpointFetcher> ids) {
    this.feedFetchers = Map.copyOf(feeds);
    this.idFetchers = Map.copyOf(ids);
    this.compression = b.compression;
    this.userAgent = b.userAgentValue();
    this.baseUrl = b.baseUrl;
    this.fetchers = Map.copyOf(fetchers);
    this.endpoints = Map.copyOf(b.endpoints);
    this.authenticated = b.token != null;
    this.governor = b.governor;
    this.retry = b.retry;
  }

  /**
   * Starts describing an API.
   *
   * @param baseUrl the API's base URL, such as {@code https://api.example.com}; the bearer token is
   *     sent only to this origin
   * @return a builder, not thread-safe
   */
  public static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  /**
   * Starts describing an API.
   *
   * @param baseUrl the API's base URL
   * @return a builder, not thread-safe
   */
  public static Builder builder(String baseUrl) {
    return new Builder(URI.create(baseUrl));
  }

  /**
   * Whether a resource's endpoint has a deletion feed ({@link Endpoint.Builder#deletionFeed}).
   *
   * @param resource the resource
   * @return true when its endpoint declares a deletion feed
   */
  @Override
  public boolean hasDeletionFeed(io.syncline.Resource resource) {
    return feedFetchers.containsKey(resource.name());
  }

  /**
   * Fetches a page of the resource's deletion feed ({@link Endpoint.Builder#deletionFeed}); each
   * entry's deletion time is read from {@link Endpoint#deletedAtField()}. An entry without its id
   * or deletion time fails the page whatever the resource's
   * {@link io.syncline.Resource#invalidRecords()}: deletion passes set nothing aside.
   *
   * @param request what to fetch
   * @return the page
   */
  @Override
  public Page fetchDeletions(PageRequest request) {
    String name = request.resource().name();
    EndpointFetcher f = feedFetchers.get(name);
    if (f == null) {
      throw new SyncException(name, request.pageNumber(), "no deletion feed is configured for this resource", null);
    }
    io.syncline.Resource feed = request.resource().toBuilder().cursorField(endpoints.get(name).deletedAtField())
        .invalidRecords(io.syncline.InvalidRecords.FAIL).build();
    return f.fetch(with(request, feed));
  }

  /**
   * Fetches a page of ids for a sweep, with the endpoint's {@link Endpoint#idListingParameters()};
   * the records may carry their id only. An entry without its id fails the page whatever the
   * resource's {@link io.syncline.Resource#invalidRecords()}: a sweep sets nothing aside.
   *
   * @param request what to fetch
   * @return the page
   */
  @Override
  public Page fetchIds(PageRequest request) {
    String name = request.resource().name();
    EndpointFetcher f = idFetchers.get(name);
    io.syncline.Resource failing = request.resource().toBuilder().invalidRecords(io.syncline.InvalidRecords.FAIL)
        .build();
    if (f == null) {
      return fetch(with(request, failing));
    }
    return f.fetch(with(request, failing.toBuilder().noCursorField().build()));
  }

  private static PageRequest with(PageRequest r, io.syncline.Resource resource) {
    return new PageRequest(resource, r.mode(), r.order(), r.after(), r.continuation(), r.range(), r.pageNumber(),
        r.validator());
  }

  /**
   * Fetches one page of a resource whose endpoint was configured.
   *
   * @param request what to fetch
   * @return the page, read whole
   * @throws SyncException when no endpoint is configured for the resource, or the request fails for
   *     good ({@link HttpSourceException}, {@link io.syncline.InvalidRecordException})
   */
  @Override
  public Page fetch(PageRequest request) {
    EndpointFetcher f = fetchers.get(request.resource().name());
    if (f == null) {
      throw new SyncException(request.resource().name(), request.pageNumber(), "no endpoint is configured "
          + "for this resource; add .endpoint(\"" + request.resource().name() + "\", Endpoint.builder(path)"
          + ".build()) to the HttpRecordSource, known: " + new java.util.TreeSet<>(fetchers.keySet()), null);
    }
    return f.fetch(request);
  }

  /** @return the {@code User-Agent} this source sends */
  public String userAgent() {
    return userAgent;
  }

  /** @return whether this source asks for compressed bodies */
  public boolean compression() {
    return compression;
  }

  /** @return the configured endpoints by resource name */
  public Map<String, Endpoint> endpoints() {
    return endpoints;
  }

  @Override
  public String toString() {
    return "HttpRecordSource[" + baseUrl + ", resources=" + new java.util.TreeSet<>(endpoints.keySet())
        + ", auth=" + (authenticated ? "bearer ***" : "none") + ", " + governor + ", " + retry
        + ", compression=" + (compression ? "gzip, deflate" : "off") + ", userAgent=" + userAgent + "]";
  }

  /** Builds an {@link HttpRecordSource}. Not thread-safe; {@link #build()} copies the settings. */
  public static final class Builder {
    private final URI baseUrl;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private Supplier<String> token;
    private boolean tokenRefreshes;
    private long maxPageBytes = 64L * 1024 * 1024;
    private RateGovernor governor;
    private RetrySettings retry = RetrySettings.ofDefaults();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private HttpClient client;
    private final Set<String> secretParameters = new LinkedHashSet<>();
    private boolean compression = true;
    private String application;
    private final List<HttpSourceListener> listeners = new ArrayList<>();

    private Builder(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
        throw new IllegalArgumentException("base URL must be an absolute http(s) URL with a host: " + baseUrl);
      }
      if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null) {
        throw new IllegalArgumentException("base URL must not carry credentials or a query; use bearerToken(...) "
            + "and Endpoint parameters");
      }
      this.baseUrl = baseUrl;
    }

    /**
     * Describes how one resource is listed.
     *
     * @param resource the {@link io.syncline.Resource#name()} this endpoint serves
     * @param endpoint the endpoint
     * @return this builder
     */
    public Builder endpoint(String resource, Endpoint endpoint) {
      endpoints.put(io.syncline.Resource.validateName(resource), Objects.requireNonNull(endpoint, "endpoint"));
      return this;
    }

    /**
     * Adds a header sent on every request, to every host (do not put secrets here; use
     * {@link #bearerToken(Supplier)}).
     *
     * @param name the header's name
     * @param value its value
     * @return this builder
     */
    public Builder header(String name, String value) {
      if (name.equalsIgnoreCase("Authorization")) {
        throw new IllegalArgumentException("set credentials with bearerToken(...), which keeps them to the API's "
            + "origin and out of messages");
      }
      if (name.equalsIgnoreCase("User-Agent")) {
        throw new IllegalArgumentException("name the application with userAgent(...); Syncline adds its version");
      }
      if (name.equalsIgnoreCase("Accept-Encoding") || name.equalsIgnoreCase("If-None-Match")
          || name.equalsIgnoreCase("If-Modified-Since")) {
        throw new IllegalArgumentException(name + " is managed by the source (see compression(boolean)); it "
            + "decodes what it asks for and sends validators only with the request they belong to");
      }
      headers.add(new AbstractMap.SimpleImmutableEntry<>(Names.require(name, "header name"),
          Objects.requireNonNull(value, "header value")));
      return this;
    }

    /**
     * Sends {@code Authorization: Bearer <token>} to the base URL's origin (never to other hosts,
     * redirects included).
     *
     * @param token the token
     * @return this builder
     */
    public Builder bearerToken(String token) {
      Names.require(token, "token");
      this.token = () -> token;
      this.tokenRefreshes = false;
      return this;
    }

    /**
     * Like {@link #bearerToken(String)}, for tokens that expire: the supplier is asked before every
     * attempt, and when the API answers {@code 401} the request is sent exactly once more with a
     * freshly supplied token (a second {@code 401} fails). With a static token a {@code 401} fails
     * at once. The supplier must be thread-safe; an exception it throws fails the request without retry and
     * is not attached to the failure (it may quote credentials), so log it inside the supplier.
     *
     * @param tokens supplies the current token
     * @return this builder
     */
    public Builder bearerToken(Supplier<String> tokens) {
      this.token = Objects.requireNonNull(tokens, "tokens");
      this.tokenRefreshes = true;
      return this;
    }

    /**
     * Turns compressed responses on or off, default on: the source sends
     * {@code Accept-Encoding: gzip, deflate} and decodes compressed bodies as a stream while
     * parsing. Off, it sends {@code Accept-Encoding: identity} (a server that compresses anyway is
     * still decoded).
     *
     * @param enabled whether to ask for compressed bodies
     * @return this builder
     */
    public Builder compression(boolean enabled) {
      this.compression = enabled;
      return this;
    }

    /**
     * Names the application in the {@code User-Agent} header, which becomes
     * {@code <application> syncline/<version>}; default {@code syncline/<version>}. Many APIs ask
     * for a product name and a contact here, e.g. {@code "acme-sync/2.1 (ops@acme.example)"}.
     *
     * @param application the product token(s) and comment naming the application
     * @return this builder
     */
    public Builder userAgent(String application) {
      Objects.requireNonNull(application, "application");
      if (application.isBlank() || application.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new IllegalArgumentException("a User-Agent is printable text on one line: '" + application + "'");
      }
      this.application = application.strip();
      return this;
    }

    String userAgentValue() {
      String syncline = "syncline/" + io.syncline.SynclineVersion.current();
      return application == null ? syncline : application + " " + syncline;
    }

    /**
     * Sets the largest response body read for one page, default 64 MiB, both as received and once
     * decoded (so a small gzip body that inflates enormously, a compression bomb, fails too). A
     * larger body is not read further and fails the request (lower the resource's page size, or
     * raise this), so one page never holds unbounded memory.
     *
     * @param bytes a positive number of bytes
     * @return this builder
     */
    public Builder maxPageBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxPageBytes must be positive: " + bytes);
      }
      this.maxPageBytes = bytes;
      return this;
    }

    /**
     * Spaces this source's requests to a rate that adapts to throttling (a governor of its own,
     * {@link RateGovernor#of(RateLimit)}). To share one rate among sources of one API, or to tune
     * the adaptation, use {@link #governor(RateGovernor)}.
     *
     * @param limit the rate
     * @return this builder
     */
    public Builder rateLimit(RateLimit limit) {
      this.governor = RateGovernor.of(limit);
      return this;
    }

    /**
     * Shares a governor (rate and quota pauses) with other sources of the same API.
     *
     * @param shared the governor
     * @return this builder
     */
    public Builder governor(RateGovernor shared) {
      this.governor = Objects.requireNonNull(shared, "governor");
      return this;
    }

    /**
     * Sets the retry settings, default {@link RetrySettings#ofDefaults()}.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder retry(RetrySettings settings) {
      this.retry = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets the connect timeout, default 10 s (ignored with {@link #httpClient(HttpClient)}).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the time allowed for one request until its body is read whole, default 30 s; a
     * timeout is retried. The client's own timeout ends with the headers: a body still arriving
     * at the deadline is cancelled by one JVM-wide daemon thread, {@code syncline-http-deadline},
     * which ends after a minute without requests.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the clock used for {@code Retry-After} dates, quota resets and the governor's pacing,
     * default the system UTC clock.
     *
     * @param c the clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Sets how the source waits, default {@link Sleeper#system()}; tests inject one that advances a
     * fake clock.
     *
     * @param s the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return this;
    }

    /**
     * Uses a given client (proxy, TLS, executor settings). Its redirect policy must be
     * {@link HttpClient.Redirect#NEVER}: the source follows redirects itself so credentials stay
     * on the API's origin.
     *
     * @param c the client
     * @return this builder
     */
    public Builder httpClient(HttpClient c) {
      Objects.requireNonNull(c, "client");
      if (c.followRedirects() != HttpClient.Redirect.NEVER) {
        throw new IllegalArgumentException("the HttpClient must not follow redirects (Redirect.NEVER); "
            + "the source follows them itself so the token never reaches another host");
      }
      this.client = c;
      return this;
    }

    /**
     * Names a query parameter whose value is hidden in messages (names containing {@code token},
     * {@code key}, {@code secret}, {@code signature}, {@code password} or {@code auth} always are).
     *
     * @param name the parameter's name
     * @return this builder
     */
    public Builder secretParameter(String name) {
      secretParameters.add(Names.require(name, "parameter name").toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Adds a listener told about every response, retry, quota wait and rate change (for metrics;
     * the source itself logs nothing). Listeners are called in the order added.
     *
     * @param listener the listener; must be quick and thread-safe
     * @return this builder
     */
    public Builder listener(HttpSourceListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the source.
     *
     * @return an immutable, thread-safe source
     * @throws IllegalStateException when no endpoint was described
     */
    public HttpRecordSource build() {
      if (endpoints.isEmpty()) {
        throw new IllegalStateException("describe at least one endpoint with endpoint(resource, Endpoint)");
      }
      if (governor == null) {
        governor = RateGovernor.unlimited();
      }
      HttpClient given = client;
      Duration connect = connectTimeout;
      Supplier<HttpClient> clients = given != null ? () -> given : () -> HttpClient.newBuilder()
          .connectTimeout(connect)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
      Transport transport = new Transport(clients, baseUrl, headers, Optional.ofNullable(token), tokenRefreshes,
          requestTimeout, maxPageBytes, compression, userAgentValue());
      List<HttpSourceListener> ls = List.copyOf(listeners);
      RetryLoop loop = new RetryLoop(retry, governor.governor, sleeper, clock, transport,
          new UrlRedactor(secretParameters), event -> ls.forEach(l -> {
            try {
              l.onEvent(event);
            } catch (RuntimeException ignored) {
              // one failing listener does not keep the event from the others
            }
          }));
      Map<String, EndpointFetcher> fetchers = new LinkedHashMap<>();
      endpoints.forEach((name, e) -> fetchers.put(name, new EndpointFetcher(e, transport, loop)));
      Map<String, EndpointFetcher> feeds = new LinkedHashMap<>();
      Map<String, EndpointFetcher> ids = new LinkedHashMap<>();
      endpoints.forEach((name, e) -> {
        e.deletionFeed().ifPresent(feed -> feeds.put(name, new EndpointFetcher(feed, transport, loop)));
        if (!e.idListingParameters().isEmpty()) {
          ids.put(name, new EndpointFetcher(e.idListing(), transport, loop));
        }
      });
      return new HttpRecordSource(this, fetchers, feeds, ids);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
