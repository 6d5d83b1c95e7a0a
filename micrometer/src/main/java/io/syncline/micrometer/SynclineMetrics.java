package io.syncline.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.syncline.Resource;
import io.syncline.SyncEvent;
import io.syncline.SyncListener;
import io.syncline.SyncMode;
import io.syncline.SyncResult;
import io.syncline.SyncState;
import io.syncline.Traffic;
import io.syncline.spi.RecordStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes Syncline's work as Micrometer meters. One instance per engine; hand it to the engine
 * as a listener, wrap the store with {@link #meter(RecordStore)}, add {@link #httpListener()} to
 * an {@link io.syncline.http.HttpRecordSource} and register the data-age gauges:
 *
 * <pre>{@code
 * SynclineMetrics metrics = SynclineMetrics.builder(registry).build();
 * RecordStore store = metrics.meter(jdbcStore);
 * HttpRecordSource source = sourceBuilder.listener(metrics.httpListener()).build();
 * SyncEngine engine = SyncEngine.builder(source, store).resources(resources).listener(metrics).build();
 * metrics.registerDataAge(jdbcStore, resources);
 * }</pre>
 *
 * <p>Meters (every one tagged {@code resource}):
 * <ul>
 *   <li>{@code syncline.records.fetched}, {@code syncline.records.inserted},
 *       {@code syncline.records.updated}, {@code syncline.records.unchanged}: counters, per committed page
 *   <li>{@code syncline.page.writes}: timer of each page's write (records + checkpoint in one transaction)
 *   <li>{@code syncline.sync.runs}: timer of runs, tagged {@code mode} (backfill, incremental, none) and
 *       {@code outcome} (success, failure, skipped)
 *   <li>{@code syncline.http.requests}: counter of responses, tagged {@code status} ({@code 200},
 *       {@code 429}..., {@code none} when no response came)
 *   <li>{@code syncline.http.rate.limited}: counter of {@code 429} responses
 *   <li>{@code syncline.http.retries}: counter of retried attempts
 *   <li>{@code syncline.http.quota.waits}: timer of waits for a spent quota
 *   <li>{@code syncline.http.rate}: gauge of the adaptive rate (requests per second) after its last change
 *   <li>{@code syncline.data.age}: gauge, seconds since the last successful run started (NaN before one)
 *   <li>{@code syncline.traffic.requests}, {@code syncline.traffic.not.modified}: counters of the requests
 *       fetching cost and of those answered {@code 304 Not Modified}
 *   <li>{@code syncline.traffic.bytes}: counter of response body bytes, tagged {@code stage}
 *       ({@code wire}: as received, compressed when the server compressed; {@code decoded}: after decoding)
 * </ul>
 *
 * <p>Traffic is counted as each page commits and, when a run finishes, for what it cost beyond its
 * committed pages (a {@code 304} poll, the last empty page); the fetching of a run that fails after
 * its last committed page is not counted. Sources that do not count traffic add nothing.
 *
 * <p>Thread-safe. Listener methods never throw.
 */
public final class SynclineMetrics implements SyncListener {
  private final MeterRegistry registry;
  private final Tags common;
  private final Clock clock;
  private final Map<String, Instant> runStarts = new ConcurrentHashMap<>();
  private final Map<String, double[]> rates = new ConcurrentHashMap<>();
  private final Map<String, Traffic> countedThisRun = new ConcurrentHashMap<>();

  private SynclineMetrics(Builder b) {
    this.registry = b.registry;
    this.common = b.tags;
    this.clock = b.clock;
  }

  /**
   * Starts configuring metrics for a registry.
   *
   * @param registry where the meters go
   * @return a builder; defaults: no extra tags, the system UTC clock
   */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /** @return the registry the meters go to */
  public MeterRegistry registry() {
    return registry;
  }

  Tags tags(String resource) {
    return common.and(Tag.of("resource", resource));
  }

  Counter counter(String name, String resource, String description) {
    return Counter.builder(name).description(description).tags(tags(resource)).register(registry);
  }

  Timer timer(String name, Tags tags, String description) {
    return Timer.builder(name).description(description).tags(tags).register(registry);
  }

  /**
   * A store that times every page write and counts the records it fetched, inserted, updated and
   * left unchanged; everything else is passed through.
   *
   * @param store the store to meter
   * @return the metered store
   */
  public RecordStore meter(RecordStore store) {
    return new MeteredRecordStore(store, this);
  }

  /**
   * A listener for {@link io.syncline.http.HttpRecordSource.Builder#listener}: responses, 429s,
   * retries, quota waits and rate changes. Needs {@code syncline-http-source} on the class path.
   *
   * @return the listener
   */
  public io.syncline.http.HttpSourceListener httpListener() {
    return new HttpMetrics(this);
  }

  void rateChanged(String resource, double perSecond) {
    double[] holder = rates.computeIfAbsent(resource, r -> {
      double[] h = {Double.NaN};
      Gauge.builder("syncline.http.rate", h, x -> x[0]).description("adaptive request rate after its last change")
          .baseUnit("requests/s").tags(tags(r)).register(registry);
      return h;
    });
    holder[0] = perSecond;
  }

  /**
   * Registers a {@code syncline.data.age} gauge per resource: seconds since its last successful
   * run started, read from the store's state when the registry is scraped (NaN before any success).
   *
   * @param store the store holding the resources' state
   * @param resources the resources
   */
  public void registerDataAge(RecordStore store, List<Resource> resources) {
    Objects.requireNonNull(store, "store");
    for (Resource r : resources) {
      String name = r.name();
      Gauge.builder("syncline.data.age", store, s -> age(s, name))
          .description("seconds since the last successful sync started").baseUnit("seconds")
          .tags(tags(name)).register(registry);
    }
  }

  private double age(RecordStore store, String resource) {
    try {
      Optional<Instant> last = store.state(resource).flatMap(SyncState::lastSuccessAt);
      return last.map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(Double.NaN);
    } catch (RuntimeException e) {
      return Double.NaN; // the database is unreachable: no value rather than a failing scrape
    }
  }

  @Override
  public void onEvent(SyncEvent event) {
    try {
      if (event instanceof SyncEvent.Started s) {
        runStarts.put(s.resource(), clock.instant());
        countedThisRun.put(s.resource(), Traffic.NONE);
      } else if (event instanceof SyncEvent.PageCommitted p) {
        String resource = p.progress().resource();
        Traffic page = p.progress().pageTraffic();
        count(resource, page);
        countedThisRun.merge(resource, page, Traffic::plus);
      } else if (event instanceof SyncEvent.Finished f) {
        SyncResult r = f.result();
        runStarts.remove(r.resource());
        Traffic counted = countedThisRun.getOrDefault(r.resource(), Traffic.NONE);
        countedThisRun.remove(r.resource());
        count(r.resource(), remainder(r.traffic(), counted));
        String outcome = r.mode() == SyncMode.NONE ? "skipped" : r.succeeded() ? "success" : "failure";
        run(r.resource(), r.mode(), outcome, r.duration());
      } else if (event instanceof SyncEvent.Failed f) {
        countedThisRun.remove(f.resource());
        Instant start = runStarts.remove(f.resource());
        Duration d = start == null ? Duration.ZERO : Duration.between(start, clock.instant());
        run(f.resource(), f.mode(), "failure", d);
      }
    } catch (RuntimeException ignored) {
      // metrics never break a sync
    }
  }

  private void count(String resource, Traffic t) {
    if (t.requests() > 0) {
      counter("syncline.traffic.requests", resource, "requests sent to fetch records").increment(t.requests());
    }
    if (t.notModified() > 0) {
      counter("syncline.traffic.not.modified", resource, "requests answered 304 Not Modified")
          .increment(t.notModified());
    }
    if (t.wireBytes() > 0) {
      bytes(resource, "wire").increment(t.wireBytes());
    }
    if (t.decodedBytes() > 0) {
      bytes(resource, "decoded").increment(t.decodedBytes());
    }
  }

  private Counter bytes(String resource, String stage) {
    return Counter.builder("syncline.traffic.bytes").description("response body bytes").baseUnit("bytes")
        .tags(tags(resource).and("stage", stage)).register(registry);
  }

  // What a run's total cost beyond the pages already counted; never negative, whatever a source reports.
  private static Traffic remainder(Traffic total, Traffic counted) {
    long requests = Math.max(0, total.requests() - counted.requests());
    return new Traffic(requests, Math.min(requests, Math.max(0, total.notModified() - counted.notModified())),
        Math.max(0, total.wireBytes() - counted.wireBytes()),
        Math.max(0, total.decodedBytes() - counted.decodedBytes()));
  }

  private void run(String resource, SyncMode mode, String outcome, Duration d) {
    timer("syncline.sync.runs", tags(resource).and("mode", mode.name().toLowerCase(Locale.ROOT), "outcome", outcome),
        "sync runs").record(d.isNegative() ? Duration.ZERO : d);
  }

  /** Configures {@link SynclineMetrics}. Not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private Tags tags = Tags.empty();
    private Clock clock = Clock.systemUTC();

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Adds tags to every meter (such as the API's name when one application syncs several).
     *
     * @param keyValues tag keys and values, alternating
     * @return this builder
     */
    public Builder tags(String... keyValues) {
      this.tags = tags.and(keyValues);
      return this;
    }

    /**
     * Sets the clock for run durations of failed runs and data ages, default the system UTC clock;
     * use the engine's.
     *
     * @param c the clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** @return the metrics */
    public SynclineMetrics build() {
      return new SynclineMetrics(this);
    }
  }
}
