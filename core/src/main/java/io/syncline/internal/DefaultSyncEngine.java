package io.syncline.internal;

import io.syncline.Cursor;
import io.syncline.DataOrigin;
import io.syncline.DateRange;
import io.syncline.FreshnessPolicy;
import io.syncline.LocalRead;
import io.syncline.Resource;
import io.syncline.ResourceBusyException;
import io.syncline.ResourceStatus;
import io.syncline.SyncAction;
import io.syncline.SyncDecision;
import io.syncline.SyncEngine;
import io.syncline.SyncEvent;
import io.syncline.SyncException;
import io.syncline.SyncListener;
import io.syncline.SyncMode;
import io.syncline.SyncResult;
import io.syncline.SyncState;
import io.syncline.spi.Lease;
import io.syncline.spi.RecordSource;
import io.syncline.spi.RecordStore;
import io.syncline.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The engine behind {@link SyncEngine#builder}. Not API. */
public final class DefaultSyncEngine implements SyncEngine {

  private final RecordSource source;
  private final RecordStore store;
  private final List<Resource> resources;
  private final List<SyncListener> listeners;
  private final FreshnessPolicy policy;
  private final Clock clock;
  private final String owner;
  private final Duration leaseDuration;
  private final Duration sourceClockMargin;
  private final LeaseAcquirer leases;
  private final DeletionPasses deletionPasses;
  private final PageLoop pages;
  private volatile boolean stopped;

  /**
   * Creates an engine; use {@link SyncEngine#builder} instead.
   *
   * @param source the source
   * @param store the store
   * @param resources the resources
   * @param listeners the listeners
   * @param policy the freshness policy
   * @param clock the clock
   * @param owner the lease owner id
   * @param leaseDuration the lease duration
   * @param sourceClockMargin the margin subtracted from the source's clock
   * @param fetchAhead where the next page is fetched while one is written; empty: no fetch-ahead
   * @param leases takes the lease at the start of each run
   */
  public DefaultSyncEngine(RecordSource source, RecordStore store, List<Resource> resources,
      List<SyncListener> listeners, FreshnessPolicy policy, Clock clock, String owner,
      Duration leaseDuration, Duration sourceClockMargin, Optional<Executor> fetchAhead, LeaseAcquirer leases) {
    this.source = source;
    this.store = store;
    this.resources = resources;
    this.listeners = listeners;
    this.policy = policy;
    this.clock = clock;
    this.owner = owner;
    this.leaseDuration = leaseDuration;
    this.sourceClockMargin = sourceClockMargin;
    this.leases = leases;
    this.deletionPasses = new DeletionPasses(source, store, clock);
    this.pages = new PageLoop(source, store, clock, fetchAhead);
  }

  /**
   * The default fetch-ahead executor: this engine's own pool of daemon threads, one busy thread
   * per run fetching ahead, idle threads ending after 60 seconds.
   *
   * @return a new pool
   */
  public static Executor ownFetchAheadPool() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory daemons = r -> {
      Thread t = new Thread(r, "syncline-fetch-ahead-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemons);
  }

  @Override
  public void stop() {
    stopped = true;
  }

  @Override
  public boolean isStopped() {
    return stopped;
  }

  @Override
  public List<Resource> resources() {
    return resources;
  }

  @Override
  public Resource resource(String name) {
    for (Resource r : resources) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("Unknown resource '" + name + "'; known: "
        + resources.stream().map(Resource::name).toList());
  }

  @Override
  public SyncResult backfill(Resource resource) {
    Optional<DateRange> range = store.state(resource.name()).flatMap(SyncState::checkpoint).flatMap(c -> c.range());
    String reason = range.isPresent() ? "backfill requested (resuming range " + range.get() + ")" : "backfill requested";
    return run(resource, SyncMode.BACKFILL, reason, run -> backfillPages(run, range));
  }

  @Override
  public SyncResult backfill(Resource resource, DateRange range) {
    return run(resource, SyncMode.BACKFILL, "backfill of " + range + " requested",
        run -> backfillPages(run, Optional.of(range)));
  }

  @Override
  public SyncResult incremental(Resource resource) {
    return run(resource, SyncMode.INCREMENTAL, "incremental sync requested",
        run -> deletionsAfter(run, incrementalPages(run), false));
  }

  @Override
  public SyncResult sweep(Resource resource) {
    return run(resource, SyncMode.SWEEP, "id sweep requested", run -> deletionsAfter(run,
        store.state(resource.name()).flatMap(SyncState::cursor), true));
  }

  @Override
  public SyncResult sync(Resource resource) {
    SyncDecision d = decide(resource);
    boolean sweepDue = DeletionPasses.sweepDue(resource, store.state(resource.name()), clock.instant());
    if (d.action() == SyncAction.USE_LOCAL && sweepDue) {
      return run(resource, SyncMode.SWEEP, d.reason() + "; id sweep due", run -> deletionsAfter(run,
          store.state(resource.name()).flatMap(SyncState::cursor), true));
    }
    return switch (d.action()) {
      case USE_LOCAL -> new SyncResult(resource.name(), SyncMode.NONE, d.reason(), 0, 0, WriteResult.EMPTY,
          Duration.ZERO, store.state(resource.name()).flatMap(SyncState::cursor), Optional.empty());
      case INCREMENTAL -> run(resource, SyncMode.INCREMENTAL, d.reason(),
          run -> deletionsAfter(run, incrementalPages(run), sweepDue));
      case BACKFILL -> {
        Optional<DateRange> range = store.state(resource.name()).flatMap(SyncState::checkpoint).flatMap(c -> c.range());
        yield run(resource, SyncMode.BACKFILL, d.reason(), run -> deletionsAfter(run, backfillPages(run, range),
            sweepDue));
      }
    };
  }

  @Override
  public List<SyncResult> syncAll() {
    List<SyncResult> results = new ArrayList<>();
    for (Resource r : resources) {
      Instant start = clock.instant();
      if (stopped) {
        break;
      }
      try {
        results.add(sync(r));
      } catch (ResourceBusyException e) {
        results.add(SyncResult.skippedBusy(e, store.state(r.name()).flatMap(SyncState::cursor)));
      } catch (SyncException e) {
        results.add(new SyncResult(r.name(), SyncMode.NONE, "failed", 0, 0, WriteResult.EMPTY,
            Duration.between(start, clock.instant()), store.state(r.name()).flatMap(SyncState::cursor),
            Optional.of(e)));
      }
    }
    return results;
  }

  @Override
  public SyncDecision decide(Resource resource) {
    return policy.decide(resource, store.state(resource.name()), clock.instant());
  }

  @Override
  public boolean shouldRunIncrementalSync(Resource resource) {
    return decide(resource).action() != SyncAction.USE_LOCAL;
  }

  @Override
  public <T> LocalRead<T> readLocalFirst(Resource resource, Supplier<T> query) {
    SyncDecision d = decide(resource);
    if (d.action() == SyncAction.USE_LOCAL) {
      return new LocalRead<>(query.get(), DataOrigin.LOCAL, d.age(), d, Optional.empty());
    }
    DataOrigin origin;
    Optional<SyncException> error = Optional.empty();
    try {
      SyncResult r = d.action() == SyncAction.BACKFILL ? sync(resource) : incremental(resource);
      origin = r.mode() == SyncMode.BACKFILL ? DataOrigin.AFTER_BACKFILL : DataOrigin.AFTER_INCREMENTAL;
    } catch (SyncException e) {
      if (store.count(resource.name()) == 0) {
        throw e;
      }
      origin = e instanceof ResourceBusyException ? DataOrigin.LOCAL_WHILE_BUSY : DataOrigin.STALE_AFTER_FAILURE;
      error = Optional.of(e);
    }
    SyncDecision after = decide(resource);
    return new LocalRead<>(query.get(), origin, after.age(), d, error);
  }

  @Override
  public ResourceStatus status(Resource resource) {
    Optional<SyncState> state = store.state(resource.name());
    Instant now = clock.instant();
    Optional<Lease> lease = store.currentLease(resource.name(), now);
    return new ResourceStatus(resource, state, store.count(resource.name()), lease, policy.decide(resource, state, now),
        lease.isPresent() && leases.holderGone(lease.get()));
  }

  // ---------------------------------------------------------------- runs

  /** The body of a run, given its context; returns the cursor after the run. */
  private interface RunBody {
    Optional<Cursor> execute(Run run);
  }

  private SyncResult run(Resource resource, SyncMode mode, String reason, RunBody body) {
    String name = resource.name();
    LeaseAcquirer.Acquired acquired = leases.acquire(name, () -> stopped);
    Run run = new Run(resource, mode, acquired.lease(), store, clock, leaseDuration, () -> stopped, this::publish);
    publish(new SyncEvent.Started(name, mode, reason + acquired.takenOverFrom()
        .map(l -> " (took over the lease of " + l.owner() + ", whose process is gone)").orElse("")));
    try {
      Optional<Cursor> cursor = body.execute(run);
      SyncResult result = new SyncResult(name, mode, reason, run.pages(), run.fetched(), run.written(),
          run.elapsed(), cursor, Optional.empty(), run.traffic());
      publish(new SyncEvent.Finished(result));
      return result;
    } catch (RuntimeException e) {
      SyncException failure = asSyncException(run, e);
      recordFailure(run, failure);
      publish(new SyncEvent.Failed(name, mode, failure));
      throw failure;
    } finally {
      try {
        store.releaseLease(run.lease());
      } catch (RuntimeException ignored) {
        // The lease expires on its own; a store that is down must not hide the run's outcome.
      }
    }
  }

  private SyncException asSyncException(Run run, RuntimeException e) {
    if (e instanceof SyncException se) {
      return se;
    }
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new SyncException(run.name(), run.currentPage(), what
        + "; data committed before this page and the last checkpoint are intact, run the sync again to continue", e);
  }

  private void recordFailure(Run run, SyncException failure) {
    try {
      // Start from the committed state, never from what this run held in memory.
      SyncState committed = store.state(run.name()).orElse(SyncState.initial(run.name()));
      store.saveState(committed.failed(run.mode(), oneLine(failure.getMessage())).withLastTraffic(run.traffic()));
    } catch (RuntimeException ignored) {
      // The store itself may be what failed; the exception still reaches the caller.
    }
  }

  private static String oneLine(String s) {
    String line = s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
    return line.length() > 1000 ? line.substring(0, 1000) + "…" : line;
  }

  private void publish(SyncEvent event) {
    for (SyncListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException | StackOverflowError ignored) {
        // A failing listener never breaks a sync.
      }
    }
  }

  // ---------------------------------------------------------------- passes

  /** A backfill pass, then the catch-up with what changed while it paged: an incremental pass from its mark. */
  private Optional<Cursor> backfillPages(Run run, Optional<DateRange> range) {
    Resource r = run.resource();
    BackfillPass pass = new BackfillPass(r, committedState(r), range, run.startedAt(), sourceClockMargin);
    run.resumeProgressAt(pass.recordsBefore());
    pages.run(run, pass);
    return deletionsAfter(run, incrementalPages(run), false);
  }

  private Optional<Cursor> incrementalPages(Run run) {
    Instant passStartedAt = clock.instant();
    Resource r = run.resource();
    return pages.run(run, new IncrementalPass(r, committedState(r), run.mode(), passStartedAt));
  }

  private SyncState committedState(Resource r) {
    return store.state(r.name()).orElse(SyncState.initial(r.name()));
  }

  /**
   * Runs the deletion feed (when the source has one) and, when asked, an id sweep, in the run's
   * lease, after its listing pass; returns the listing pass's cursor.
   */
  private Optional<Cursor> deletionsAfter(Run run, Optional<Cursor> cursor, boolean sweep) {
    DeletionPasses.BetweenPages between = page -> {
      run.atPage(page);
      run.betweenPages();
    };
    if (source.hasDeletionFeed(run.resource()) && !run.feedDone()) {
      run.absorb(deletionPasses.feed(run.resource(), run::lease, between));
      run.feedRead();
    }
    if (sweep) {
      run.absorb(deletionPasses.sweep(run.resource(), run::lease, between));
    }
    return cursor;
  }
}
