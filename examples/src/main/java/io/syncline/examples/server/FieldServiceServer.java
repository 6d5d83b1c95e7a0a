package io.syncline.examples.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo field-service API: service orders, equipments and technicians served over HTTP as
 * {@code field-service-api.md} describes (Bearer auth, paginated listings with
 * {@code updated_since}, {@code since_id}, {@code sort}, {@code created_from}/{@code created_to},
 * {@code meta}, {@code X-RateLimit-*} headers and {@code 429} with {@code Retry-After}).
 *
 * <pre>{@code
 * try (FieldServiceServer api = FieldServiceServer.builder().orders(100_000).seed(7).build().start()) {
 *   URI base = api.baseUrl();                  // http://127.0.0.1:<ephemeral port>
 *   api.updateRandom(ApiResource.ORDERS, 50);  // 50 orders change: they move to the end of updated_at order
 *   api.faults().failNext(1, 503);             // the next listing fails
 * }
 * }</pre>
 *
 * <p>The data is generated from the seed and spread over the history window (90 days by default)
 * ending at the clock's time when the server is built, truncated to the minute: the same seed,
 * counts and clock give byte-identical responses, as long as the same mutations were made.
 * Mutations (in-process methods here, or the token-guarded {@code /admin} endpoints) stamp
 * records with the clock's time minus the configured commit lag. Listings read an immutable
 * snapshot, so mutations running concurrently are safe and a page never sees half of one.
 *
 * <p>Thread-safe. The token never appears in {@link #toString()} or any message.
 */
public final class FieldServiceServer implements AutoCloseable {

  private final Settings settings;
  private final Map<ApiResource, ResourceTable> tables = new EnumMap<>(ApiResource.class);
  private final DataGenerator generator;
  private final Faults faults = new Faults();
  private final RequestHandler handler;
  private final Object mutationLock = new Object();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private HttpServer http;
  private ExecutorService executor;
  private boolean startedOnce;

  private FieldServiceServer(Settings s) {
    this.settings = s;
    this.generator = new DataGenerator(s.seed);
    long anchor = Math.floorDiv(s.clock.millis(), 60_000L) * 60_000L;
    List<TechnicianEntity> technicians = generator.technicians(s.seed, s.technicians);
    List<EquipmentEntity> equipments = generator.equipments(s.seed, s.equipments, anchor, s.history);
    List<OrderEntity> orders = generator.orders(s.seed, s.orders, s.equipments, equipments, s.technicians,
        anchor, s.history);
    tables.put(ApiResource.ORDERS, new ResourceTable(ApiResource.ORDERS, orders));
    tables.put(ApiResource.EQUIPMENTS, new ResourceTable(ApiResource.EQUIPMENTS, equipments));
    tables.put(ApiResource.TECHNICIANS, new ResourceTable(ApiResource.TECHNICIANS, technicians));
    this.handler = new RequestHandler(this, s.token, new RateLimiter(s.rateLimit, Clock.systemUTC()), faults);
  }

  /**
   * Starts configuring a server.
   *
   * @return a builder, not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts serving.
   *
   * @return this server
   * @throws UncheckedIOException when the port cannot be bound (in use: pick another or 0)
   * @throws IllegalStateException when the server was started before
   */
  public synchronized FieldServiceServer start() {
    if (startedOnce) {
      throw new IllegalStateException("this server was already started; build a new one to serve again");
    }
    startedOnce = true;
    try {
      http = HttpServer.create(new InetSocketAddress(settings.host, settings.port), 256);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot bind the demo API to " + settings.host + ":" + settings.port
          + " (" + e.getMessage() + "); choose another --port, or 0 for any free port", e);
    }
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf = r -> {
      Thread t = new Thread(r, "field-service-api-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    executor = Executors.newFixedThreadPool(settings.threads, tf);
    http.setExecutor(executor);
    http.createContext("/", handler);
    http.start();
    return this;
  }

  /** Stops serving and releases the port; in-flight exchanges are dropped. Idempotent. */
  public synchronized void stop() {
    if (http != null) {
      http.stop(0);
      executor.shutdownNow();
      http = null;
    }
    stopped.countDown();
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Blocks until {@link #stop()} is called (for a foreground {@code serve} command).
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * The port actually bound (useful with port 0).
   *
   * @return the port
   * @throws IllegalStateException when not started
   */
  public synchronized int port() {
    if (http == null) {
      throw new IllegalStateException("the server is not running; call start() first");
    }
    return http.getAddress().getPort();
  }

  /**
   * The base URL to give a client, such as {@code http://127.0.0.1:8080}.
   *
   * @return the URL, without a trailing slash
   * @throws IllegalStateException when not started
   */
  public java.net.URI baseUrl() {
    String host = settings.host.contains(":") ? "[" + settings.host + "]" : settings.host;
    return java.net.URI.create("http://" + host + ":" + port());
  }

  /** @return the counters of what the API served so far */
  public ServerStats stats() {
    return handler.stats();
  }

  /** @return the fault injection controls */
  public Faults faults() {
    return faults;
  }

  /**
   * Counts a resource's records now.
   *
   * @param resource the resource
   * @return how many records it holds
   */
  public int count(ApiResource resource) {
    return table(resource).size();
  }

  /**
   * Every record of a resource as the API sends it, by ascending id: the server's side of a
   * "does the database hold exactly the API's data" check.
   *
   * @param resource the resource
   * @return the records' JSON texts
   */
  public List<String> records(ApiResource resource) {
    Row[] rows = table(resource).snapshot().byId();
    List<String> out = new ArrayList<>(rows.length);
    for (Row r : rows) {
      out.add(new String(r.json(), StandardCharsets.UTF_8));
    }
    return out;
  }

  // ------------------------------------------------------------------ mutations

  /**
   * Changes random records, as users editing in the product would: orders move along their
   * lifecycle, equipments may change customer, technicians are (de)activated. Timestamped
   * records get {@code updated_at} = now minus the commit lag (never earlier than before).
   * Which records is deterministic from the seed and the mutations made before.
   *
   * @param resource the resource
   * @param count how many records; fewer when the resource is smaller
   * @return the ids changed, ascending
   */
  public List<Long> updateRandom(ApiResource resource, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    synchronized (mutationLock) {
      long[] ids = table(resource).pickRandom(count, generator.mutationRandom());
      update(resource, ids);
      return java.util.Arrays.stream(ids).boxed().toList();
    }
  }

  /**
   * Changes the given records (see {@link #updateRandom(ApiResource, int)}).
   *
   * @param resource the resource
   * @param ids the records' ids
   * @throws IllegalArgumentException when an id does not exist
   */
  public void update(ApiResource resource, long... ids) {
    synchronized (mutationLock) {
      ResourceTable t = table(resource);
      long at = stampNow();
      List<Entity> changed = new ArrayList<>(ids.length);
      for (long id : ids) {
        Entity e = t.find(id).orElseThrow(() -> new IllegalArgumentException(
            resource.path() + " has no record with id " + id + "; ids run from 1 to about " + t.size()));
        long stamp = resource.timestamped() ? Math.max(at, e.updatedAt() + 1) : 0;
        changed.add(generator.change(e, stamp, this::randomTechnicianId));
      }
      t.replace(changed);
    }
  }

  /**
   * Creates records with new, larger ids, stamped now minus the commit lag.
   *
   * @param resource the resource
   * @param count how many
   * @return the new ids, ascending
   */
  public List<Long> create(ApiResource resource, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    synchronized (mutationLock) {
      ResourceTable t = table(resource);
      long at = stampNow();
      List<Entity> created = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        created.add(generator.create(resource, t.allocateId(), at, this::randomEquipmentId,
            this::equipmentCustomer, this::randomTechnicianId));
      }
      t.append(created);
      return created.stream().map(Entity::id).toList();
    }
  }

  /**
   * Deletes a record; listings stop returning it, and the resource's deletion feed lists it.
   *
   * @param resource the resource
   * @param id the record's id
   * @return true when the record existed
   */
  public boolean delete(ApiResource resource, long id) {
    synchronized (mutationLock) {
      return table(resource).delete(id, stampNow());
    }
  }

  private long stampNow() {
    return settings.clock.millis() - settings.commitLag.toMillis();
  }

  private long randomTechnicianId() {
    long[] one = table(ApiResource.TECHNICIANS).pickRandom(1, generator.mutationRandom());
    return one.length == 0 ? 0 : one[0];
  }

  private long randomEquipmentId() {
    long[] one = table(ApiResource.EQUIPMENTS).pickRandom(1, generator.mutationRandom());
    return one.length == 0 ? 0 : one[0];
  }

  private String equipmentCustomer(long id) {
    return ((EquipmentEntity) table(ApiResource.EQUIPMENTS).find(id).orElseThrow()).customer();
  }

  ResourceTable table(ApiResource resource) {
    return tables.get(Objects.requireNonNull(resource, "resource"));
  }

  @Override
  public String toString() {
    String where;
    synchronized (this) {
      where = http == null ? "not running" : "http://" + settings.host + ":" + http.getAddress().getPort();
    }
    return "FieldServiceServer[" + where + ", orders=" + count(ApiResource.ORDERS) + ", equipments="
        + count(ApiResource.EQUIPMENTS) + ", technicians=" + count(ApiResource.TECHNICIANS)
        + ", seed=" + settings.seed + ", rateLimit=" + settings.rateLimit + "/s]";
  }

  /**
   * Runs the server in the foreground: {@code --port N --token T --orders N --equipments N
   * --technicians N --seed N --rate-limit N}. The token defaults to {@code SYNCLINE_TOKEN} from
   * the environment, else {@value Builder#DEFAULT_TOKEN}. The examples CLI's {@code serve}
   * command is the friendlier way in.
   *
   * @param args the flags
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    Builder b = builder().port(8080);
    String envToken = System.getenv("SYNCLINE_TOKEN");
    if (envToken != null && !envToken.isBlank()) {
      b.token(envToken);
    }
    try {
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + flag);
        }
        String v = args[++i];
        switch (flag) {
          case "--port" -> b.port(Integer.parseInt(v));
          case "--token" -> b.token(v);
          case "--orders" -> b.orders(Integer.parseInt(v));
          case "--equipments" -> b.equipments(Integer.parseInt(v));
          case "--technicians" -> b.technicians(Integer.parseInt(v));
          case "--seed" -> b.seed(Long.parseLong(v));
          case "--rate-limit" -> b.rateLimit(Integer.parseInt(v));
          default -> throw new IllegalArgumentException("unknown option " + flag);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("usage: FieldServiceServer [--port N] [--token T] [--orders N] [--equipments N]"
          + " [--technicians N] [--seed N] [--rate-limit N]");
      System.exit(2);
      return;
    }
    FieldServiceServer server = b.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "field-service-api-shutdown"));
    System.out.println("Field service API listening on " + server.baseUrl() + " (" + server + ")");
    server.awaitStop();
  }

  /** The settings, copied from the builder. */
  private static final class Settings {
    final String host;
    final int port;
    final String token;
    final int orders;
    final int equipments;
    final int technicians;
    final long seed;
    final int rateLimit;
    final Clock clock;
    final Duration history;
    final Duration commitLag;
    final int threads;

    Settings(Builder b) {
      host = b.host;
      port = b.port;
      token = b.token;
      orders = b.orders;
      equipments = b.equipments;
      technicians = b.technicians;
      seed = b.seed;
      rateLimit = b.rateLimit;
      clock = b.clock;
      history = b.history;
      commitLag = b.commitLag;
      threads = b.threads;
    }
  }

  /**
   * Configures a {@link FieldServiceServer}. Not thread-safe; {@link #build()} copies the
   * settings. Defaults: host 127.0.0.1, port 0 (any free port), token
   * {@value #DEFAULT_TOKEN}, 5,000 orders, 800 equipments, 60 technicians, seed 42, 10,000
   * requests per second, the UTC system clock, 90 days of history, no commit lag, threads twice
   * the processors (at least 4).
   */
  public static final class Builder {
    /** The token used when none is set. */
    public static final String DEFAULT_TOKEN = "syncline-demo";

    private String host = "127.0.0.1";
    private int port;
    private String token = DEFAULT_TOKEN;
    private int orders = 5_000;
    private int equipments = 800;
    private int technicians = 60;
    private long seed = 42;
    private int rateLimit = 10_000;
    private Clock clock = Clock.systemUTC();
    private Duration history = Duration.ofDays(90);
    private Duration commitLag = Duration.ZERO;
    private int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private Builder() {}

    /**
     * Sets the address to bind.
     *
     * @param address an IP address or host name, default 127.0.0.1 (loopback only)
     * @return this builder
     */
    public Builder host(String address) {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = address;
      return this;
    }

    /**
     * Sets the port.
     *
     * @param p 1..65535, or 0 for any free port (read it back with {@link #port()})
     * @return this builder
     */
    public Builder port(int p) {
      if (p < 0 || p > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535 (0 picks a free port): " + p);
      }
      this.port = p;
      return this;
    }

    /**
     * Sets the Bearer token clients must send.
     *
     * @param secret the token, not blank, without spaces
     * @return this builder
     */
    public Builder token(String secret) {
      if (secret == null || secret.isBlank() || secret.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("token must be non-blank and contain no whitespace");
      }
      this.token = secret;
      return this;
    }

    /**
     * Sets how many orders are generated.
     *
     * @param n zero or more
     * @return this builder
     */
    public Builder orders(int n) {
      this.orders = count(n, "orders");
      return this;
    }

    /**
     * Sets how many equipments are generated.
     *
     * @param n zero or more
     * @return this builder
     */
    public Builder equipments(int n) {
      this.equipments = count(n, "equipments");
      return this;
    }

    /**
     * Sets how many technicians are generated.
     *
     * @param n zero or more
     * @return this builder
     */
    public Builder technicians(int n) {
      this.technicians = count(n, "technicians");
      return this;
    }

    /**
     * Sets the seed the data is generated from.
     *
     * @param s any number; the same seed gives the same data
     * @return this builder
     */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /**
     * Sets the rate limit; requests beyond it in one wall-clock second get {@code 429}.
     *
     * @param requestsPerSecond at least 1
     * @return this builder
     */
    public Builder rateLimit(int requestsPerSecond) {
      if (requestsPerSecond < 1) {
        throw new IllegalArgumentException("rateLimit must be at least 1 request per second: " + requestsPerSecond);
      }
      this.rateLimit = requestsPerSecond;
      return this;
    }

    /**
     * Sets the clock that anchors the generated data and stamps mutations; tests pass a clock
     * they control. The rate limit always follows real time, and so does the HTTP {@code Date}
     * header (the JDK's server sets it): a client that takes the source's time from
     * {@code Date} needs a test clock near real time.
     *
     * @param c the clock, default the UTC system clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Sets how far back the generated data reaches.
     *
     * @param window a positive duration, default 90 days
     * @return this builder
     */
    public Builder history(Duration window) {
      if (window == null || window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException("history must be positive: " + window);
      }
      this.history = window;
      return this;
    }

    /**
     * Simulates late commits: mutated and created records carry an {@code updated_at} this much
     * before the moment they become visible, so a client that never looks back misses them.
     *
     * @param lag zero or positive, default zero
     * @return this builder
     */
    public Builder commitLag(Duration lag) {
      if (lag == null || lag.isNegative()) {
        throw new IllegalArgumentException("commitLag must not be negative: " + lag);
      }
      this.commitLag = lag;
      return this;
    }

    /**
     * Sets how many threads serve requests.
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder threads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + n);
      }
      this.threads = n;
      return this;
    }

    /**
     * Generates the data and builds the server, not yet started.
     *
     * @return the server
     */
    public FieldServiceServer build() {
      return new FieldServiceServer(new Settings(this));
    }

    private static int count(int n, String what) {
      if (n < 0) {
        throw new IllegalArgumentException(what + " must not be negative: " + n);
      }
      return n;
    }
  }
}
