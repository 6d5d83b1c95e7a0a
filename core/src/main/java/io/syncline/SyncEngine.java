package io.syncline;

import io.syncline.internal.DefaultSyncEngine;
import io.syncline.internal.LeaseAcquirer;
import io.syncline.spi.RecordSource;
import io.syncline.spi.RecordStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Keeps a {@link RecordStore} in sync with a {@link RecordSource}, resource by resource.
 *
 * <pre>{@code
 * SyncEngine engine = SyncEngine.builder(source, store)
 *     .resource(orders)
 *     .build();
 * SyncResult r = engine.sync(orders);   // backfill, delta or nothing, as the policy decides
 * }</pre>
 *
 * <p>Every run takes the resource's lease in the store first, so two instances of an application
 * never sync one resource at once ({@link ResourceBusyException} tells the loser who holds it, from
 * which host and until when). A lease left by a process that is gone (killed, crashed, or ended
 * while the store was unreachable) is taken over at once by an instance on the same host, and
 * after it expires by instances elsewhere; see {@link LeaseOwner} and {@link ProcessLiveness}.
 * {@link #stop()} ends runs cleanly between pages, e.g. from a shutdown hook. Every page is
 * committed with the state after it in one transaction; a failure leaves committed pages and the
 * last checkpoint intact and throws a {@link SyncException} naming the resource and page.
 * Thread-safe: different resources may be synced from different threads.
 */
public interface SyncEngine {

  /**
   * Starts building an engine.
   *
   * @param source where records come from
   * @param store where they go
   * @return a builder, not thread-safe
   */
  static Builder builder(RecordSource source, RecordStore store) {
    return new Builder(source, store);
  }

  /** @return the resources this engine knows, in the order they were added */
  List<Resource> resources();

  /**
   * Finds a resource by name.
   *
   * @param name the resource's name
   * @return the resource
   * @throws IllegalArgumentException when the engine does not know it
   */
  Resource resource(String name);

  /**
   * Reads the whole resource into the store, one checkpointed page at a time, resuming an
   * unfinished backfill from its checkpoint; then catches up with what changed while it paged.
   *
   * @param resource the resource
   * @return what the run did
   * @throws SyncException when it fails; committed pages stay and a later call resumes
   */
  SyncResult backfill(Resource resource);

  /**
   * Like {@link #backfill(Resource)}, limited to a date range the source applies. An unfinished
   * backfill of another range is abandoned and this one starts from the beginning.
   *
   * @param resource the resource
   * @param range the dates to read
   * @return what the run did
   */
  SyncResult backfill(Resource resource, DateRange range);

  /**
   * Reads what is new or changed since the stored cursor (the first run without state looks
   * back {@link Resource#initialLookback()}).
   *
   * @param resource the resource
   * @return what the run did
   */
  SyncResult incremental(Resource resource);

  /**
   * Runs an id sweep now: lists every id of the resource (the lightest listing the source
   * offers), then marks deleted the local records no longer listed, except those fetched or
   * changed since the sweep started. A sweep that fails or is stopped midway marks nothing; one
   * that would mark more than the resource's {@link DeletionPolicy#maxSweepShare()} marks nothing
   * and fails with a {@link SyncException} naming the counts. {@link #sync} runs sweeps when
   * {@link DeletionPolicy#sweepInterval()} says they are due.
   *
   * @param resource the resource
   * @return what the run did ({@link SyncResult#deleted()} records marked)
   */
  SyncResult sweep(Resource resource);

  /**
   * Runs what the {@link FreshnessPolicy} decides: a backfill when there is no complete local
   * copy, a delta when the data is stale, nothing when it is fresh; then, in the same run, an id
   * sweep when the resource's {@link DeletionPolicy#sweepInterval()} says one is due (a sweep
   * alone, mode {@link SyncMode#SWEEP}, when the data is fresh). Like every incremental pass, it
   * reads the source's deletion feed when it has one.
   *
   * @param resource the resource
   * @return what the run did
   */
  SyncResult sync(Resource resource);

  /**
   * Syncs every resource in turn; one failing does not stop the others. A resource another
   * instance is syncing is skipped, not failed ({@link SyncResult#skipped()}, with the holder):
   * when many instances run {@code syncAll} on a schedule, that is the normal case. After
   * {@link #stop()}, the resource being synced ends with its current page and no other starts.
   *
   * @return one result per resource started, failures ({@link SyncResult#failure()}) and skipped
   *     resources included
   */
  List<SyncResult> syncAll();

  /**
   * Asks the freshness policy about a resource's stored state.
   *
   * @param resource the resource
   * @return the decision
   */
  SyncDecision decide(Resource resource);

  /**
   * Tells whether the local data is not fresh enough to serve as it is (stale, or no complete
   * copy yet), so a sync should run first. {@link #decide} tells which kind.
   *
   * @param resource the resource
   * @return true unless the data is fresh
   */
  boolean shouldRunIncrementalSync(Resource resource);

  /**
   * Local-first read: syncs the resource if the policy says so, then runs the query on local
   * data and says where it came from. When the sync fails (or another instance is syncing) and
   * local data exists, the query runs on the stale local data and the answer carries the error;
   * only when there is no local data at all does the failure propagate.
   *
   * @param resource the resource
   * @param query reads the local store, e.g. an SQL query of the caller's
   * @param <T> the answer's type
   * @return the answer with its origin and age
   * @throws SyncException when the sync failed and nothing is stored locally
   */
  <T> LocalRead<T> readLocalFirst(Resource resource, Supplier<T> query);

  /**
   * Reports a resource's state, record count, lease and the policy's decision.
   *
   * @param resource the resource
   * @return the status
   */
  ResourceStatus status(Resource resource);

  /**
   * Asks the engine to stop, e.g. from a shutdown hook: every run in progress ends after the page
   * it is fetching or writing is committed (or rolled back), releases its lease and throws
   * {@link SyncStoppedException}; a run waiting for a lease stops waiting; {@link #syncAll()}
   * starts no further resource; later runs throw {@link SyncStoppedException} at once. The next
   * engine (the next process) resumes from the last committed page without waiting for a lease.
   * Returns at once; the calling thread does not wait for the runs to end. Idempotent.
   */
  void stop();

  /** @return true once {@link #stop()} was called */
  boolean isStopped();

  /** Builds a {@link SyncEngine}. Not thread-safe; {@link #build()} copies the settings. */
  final class Builder {
    private final RecordSource source;
    private final RecordStore store;
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final List<SyncListener> listeners = new ArrayList<>();
    private FreshnessPolicy policy;
    private Clock clock = Clock.systemUTC();
    private String owner;
    private Duration leaseDuration = Duration.ofMinutes(2);
    private ProcessLiveness liveness = ProcessLiveness.ofThisHost();
    private Duration leaseWait = Duration.ZERO;
    private Sleeper sleeper = Sleeper.system();
    private Duration sourceClockMargin = Duration.ofMinutes(5);
    private boolean fetchAhead = true;
    private Executor executor;

    private Builder(RecordSource source, RecordStore store) {
      this.source = Objects.requireNonNull(source, "source");
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Adds a resource.
     *
     * @param resource the resource; its name must be unique
     * @return this builder
     */
    public Builder resource(Resource resource) {
      Objects.requireNonNull(resource, "resource");
      if (resources.putIfAbsent(resource.name(), resource) != null) {
        throw new IllegalArgumentException("Resource '" + resource.name() + "' added twice");
      }
      return this;
    }

    /**
     * Adds resources.
     *
     * @param list the resources
     * @return this builder
     */
    public Builder resources(List<Resource> list) {
      list.forEach(this::resource);
      return this;
    }

    /**
     * Sets the freshness policy; by default {@link FreshnessPolicy#ofDefaults()} (2 h TTL). The
     * engine asks it with this builder's {@link #clock(Clock)}.
     *
     * @param freshness the policy
     * @return this builder
     */
    public Builder freshnessPolicy(FreshnessPolicy freshness) {
      this.policy = Objects.requireNonNull(freshness, "freshness");
      return this;
    }

    /**
     * Sets the clock; tests pass a clock they control.
     *
     * @param c the clock, default the UTC system clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Adds a listener for progress and outcome events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(SyncListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets this instance's id in leases. By default it is {@link LeaseOwner#current()}: this
     * host, this process and a random part, which lets an instance on the same host take over at
     * once the lease of a process that is gone. An id in another form is kept as it is; its leases
     * are only taken over once they expire.
     *
     * @param id the id, at most 255 characters
     * @return this builder
     */
    public Builder owner(String id) {
      if (id == null || id.isBlank() || id.length() > 255) {
        throw new IllegalArgumentException("owner must be 1..255 characters: " + id);
      }
      this.owner = id;
      return this;
    }

    /**
     * Sets this instance's lease owner, e.g. {@link LeaseOwner#of(String)} with a host name of the
     * caller's choice when the machines' own names are not unique.
     *
     * @param id the owner, default {@link LeaseOwner#current()}
     * @return this builder
     */
    public Builder owner(LeaseOwner id) {
      this.owner = Objects.requireNonNull(id, "owner").encode();
      return this;
    }

    /**
     * Sets how the engine tells whether a lease holder on its own host is gone (its lease is then
     * taken over at once instead of after it expires).
     *
     * @param check the check, default {@link ProcessLiveness#ofThisHost()};
     *     {@link ProcessLiveness#assumeAlive()} waits out every lease
     * @return this builder
     */
    public Builder processLiveness(ProcessLiveness check) {
      this.liveness = Objects.requireNonNull(check, "check");
      return this;
    }

    /**
     * Sets how long a run waits for a resource whose lease a live instance holds before it throws
     * {@link ResourceBusyException}, looking again every second (or when the lease expires, if
     * sooner). {@link SyncEngine#stop()} ends the wait.
     *
     * @param max zero or positive, default zero: fail at once
     * @return this builder
     */
    public Builder waitForLease(Duration max) {
      if (max == null || max.isNegative()) {
        throw new IllegalArgumentException("waitForLease must not be negative: " + max);
      }
      this.leaseWait = max;
      return this;
    }

    /**
     * Sets how the engine waits between looks at a lease held elsewhere; tests pass one that
     * advances their clock.
     *
     * @param s the sleeper, default {@link Sleeper#system()}
     * @return this builder
     */
    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return this;
    }

    /**
     * Sets how long a lease lasts between renewals (renewed after pages, when a third of it has
     * passed). A crashed instance's lease is taken over after this long by instances on other
     * hosts; on its own host at once, when its process is known to be gone.
     *
     * @param d a positive duration, default 2 minutes
     * @return this builder
     */
    public Builder leaseDuration(Duration d) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("leaseDuration must be positive: " + d);
      }
      this.leaseDuration = d;
      return this;
    }

    /**
     * Sets the safety margin subtracted from the source's clock when a backfill records its
     * low-water mark, for clock skew and late commits. The mark starts from the earlier of the
     * source's clock (its {@code Date} header) and this engine's clock, so a source clock running
     * ahead cannot make the catch-up skip a change.
     *
     * @param d zero or positive, default 5 minutes
     * @return this builder
     */
    public Builder sourceClockMargin(Duration d) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("sourceClockMargin must not be negative: " + d);
      }
      this.sourceClockMargin = d;
      return this;
    }

    /**
     * Sets whether the next page is fetched while the current one is written (at most two pages
     * in memory per resource), on the {@linkplain #executor(Executor) fetch-ahead executor}. Off,
     * every page is fetched on the thread that runs the sync and no executor is used. On by
     * default.
     *
     * @param on true to overlap fetching and writing
     * @return this builder
     */
    public Builder fetchAhead(boolean on) {
      this.fetchAhead = on;
      return this;
    }

    /**
     * Sets where the next page is fetched while the current one is written. A pass of more than
     * one page runs one task on it, which fetches and checks the pass's later pages in order, each
     * while the run's thread writes the one before, and holds its thread until the pass ends. So
     * the executor needs one thread per resource synced at once to overlap them all; a task it
     * cannot start at once waits in its queue, and the run waits for it before its second page.
     * The first page of every pass, and every page when {@link #fetchAhead(boolean)} is off, is
     * fetched on the thread that runs the sync. The engine never shuts the executor down. The task
     * is cancelled (its thread interrupted) when its run fails or stops.
     *
     * @param e the executor; by default each engine has its own pool of daemon threads named
     *     {@code syncline-fetch-ahead}, one busy thread per run fetching ahead, idle threads ending
     *     after 60 seconds (created only when fetch-ahead is on)
     * @return this builder
     */
    public Builder executor(Executor e) {
      this.executor = Objects.requireNonNull(e, "executor");
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     */
    public SyncEngine build() {
      FreshnessPolicy p = policy != null ? policy : FreshnessPolicy.ofDefaults();
      String id = owner != null ? owner : LeaseOwner.current().encode();
      LeaseAcquirer leases = new LeaseAcquirer(store, clock, id, leaseDuration, liveness, leaseWait, sleeper);
      Optional<Executor> ahead = !fetchAhead ? Optional.empty()
          : Optional.of(executor != null ? executor : DefaultSyncEngine.ownFetchAheadPool());
      return new DefaultSyncEngine(source, store, List.copyOf(resources.values()), List.copyOf(listeners),
          p, clock, id, leaseDuration, sourceClockMargin, ahead, leases);
    }
  }
}
