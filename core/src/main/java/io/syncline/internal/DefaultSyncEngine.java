package io.syncline.internal;

import io.syncline.Checkpoint;
import io.syncline.Cursor;
import io.syncline.DataOrigin;
import io.syncline.DateRange;
import io.syncline.FreshnessPolicy;
import io.syncline.InvalidRecordException;
import io.syncline.LocalRead;
import io.syncline.Progress;
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
import io.syncline.SyncStoppedException;
import io.syncline.SyncStrategy;
import io.syncline.Traffic;
import io.syncline.spi.Deletion;
import io.syncline.spi.Lease;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RecordSource;
import io.syncline.spi.RecordStore;
import io.syncline.spi.RejectedRecord;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** The engine behind {@link SyncEngine#builder}. Not API. */
public final class DefaultSyncEngine implements SyncEngine {

  private static final ExecutorService FETCH_AHEAD = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "syncline-fetch-ahead");
    t.setDaemon(true);
    return t;
  });

  private final RecordSource source;
  private final RecordStore store;
  private final List<Resource> resources;
  private final List<SyncListener> listeners;
  private final FreshnessPolicy policy;
  private final Clock clock;
  private final String owner;
  private final Duration leaseDuration;
  private final Duration sourceClockMargin;
  private final boolean fetchAhead;
  private final LeaseAcquirer leases;
  private final DeletionPasses deletionPasses;
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
   * @param fetchAhead whether to fetch the next page while writing
   * @param leases takes the lease at the start of each run
   */
  public DefaultSyncEngine(RecordSource source, RecordStore store, List<Resource> resources,
      List<SyncListener> listeners, FreshnessPolicy policy, Clock clock, String owner,
      Duration leaseDuration, Duration sourceClockMargin, boolean fetchAhead, LeaseAcquirer leases) {
    this.source = source;
    this.store = store;
    this.resources = resources;
    this.listeners = listeners;
    this.policy = policy;
    this.clock = clock;
    this.owner = owner;
    this.leaseDuration = leaseDuration;
    this.sourceClockMargin = sourceClockMargin;
    this.fetchAhead = fetchAhead;
    this.leases = leases;
    this.deletionPasses = new DeletionPasses(source, store, clock);
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
    return policy.decide(resource, store.state(resource.name()));
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
    Optional<Lease> lease = store.currentLease(resource.name(), clock.instant());
    return new ResourceStatus(resource, state, store.count(resource.name()), lease, policy.decide(resource, state),
        lease.isPresent() && leases.holderGone(lease.get()));
  }

  // ---------------------------------------------------------------- runs

  /** The body of a run, given its context; returns the cursor after the run. */
  private interface RunBody {
    Optional<Cursor> execute(Run run);
  }

  /** Counters and lease of one run. */
  private final class Run {
    final Resource resource;
    final SyncMode mode;
    final Instant startedAt;
    final long startNanos = System.nanoTime();
    Lease lease;
    Instant lastRenewal;
    long pages;
    long fetched;
    long progressBase;
    WriteResult written = WriteResult.EMPTY;
    long currentPage;
    OptionalLong total = OptionalLong.empty();
    PageStream pageStream;
    Traffic traffic = Traffic.NONE;
    Traffic pageTraffic = Traffic.NONE;
    boolean feedDone;
    List<RejectedRecord> aside = List.of();

    Run(Resource resource, SyncMode mode, Lease lease) {
      this.resource = resource;
      this.mode = mode;
      this.lease = lease;
      this.startedAt = clock.instant();
      this.lastRenewal = startedAt;
    }

    String name() {
      return resource.name();
    }

    void renewLeaseIfDue() {
      Instant now = clock.instant();
      if (Duration.between(lastRenewal, now).compareTo(leaseDuration.dividedBy(3)) < 0) {
        return;
      }
      Optional<Lease> renewed = store.renewLease(lease, now, leaseDuration);
      if (renewed.isEmpty()) {
        throw new SyncException(name(), currentPage, "lost the resource's lease (it expired and another "
            + "instance took it over); committed pages are kept. Raise leaseDuration if pages take longer than "
            + leaseDuration, null);
      }
      lease = renewed.get();
      lastRenewal = now;
    }

    void committed(int records, WriteResult w, OptionalLong pageTotal) {
      pages++;
      written = written.plus(w);
      if (pageTotal.isPresent() && total.isEmpty()) {
        total = OptionalLong.of(progressBase + pageTotal.getAsLong());
      }
      progressBase += records;
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
      publish(new SyncEvent.PageCommitted(new Progress(name(), mode, pages, progressBase, elapsed, total, traffic,
          pageTraffic)));
    }
  }

  private SyncResult run(Resource resource, SyncMode mode, String reason, RunBody body) {
    String name = resource.name();
    LeaseAcquirer.Acquired acquired = leases.acquire(name, () -> stopped);
    Run run = new Run(resource, mode, acquired.lease());
    publish(new SyncEvent.Started(name, mode, reason + acquired.takenOverFrom()
        .map(l -> " (took over the lease of " + l.owner() + ", whose process is gone)").orElse("")));
    try {
      Optional<Cursor> cursor = body.execute(run);
      SyncResult result = new SyncResult(name, mode, reason, run.pages, run.fetched, run.written,
          Duration.ofNanos(System.nanoTime() - run.startNanos), cursor, Optional.empty(), run.traffic);
      publish(new SyncEvent.Finished(result));
      return result;
    } catch (RuntimeException e) {
      if (run.pageStream != null) {
        run.pageStream.cancel();
      }
      SyncException failure = asSyncException(run, e);
      recordFailure(run, failure);
      publish(new SyncEvent.Failed(name, mode, failure));
      throw failure;
    } finally {
      try {
        store.releaseLease(run.lease);
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
    return new SyncException(run.name(), run.currentPage, what
        + "; data committed before this page and the last checkpoint are intact, run the sync again to continue", e);
  }

  private void recordFailure(Run run, SyncException failure) {
    try {
      // Start from the committed state, never from what this run held in memory.
      SyncState committed = store.state(run.name()).orElse(SyncState.initial(run.name()));
      store.saveState(committed.failed(run.mode, oneLine(failure.getMessage())).withLastTraffic(run.traffic));
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

  // ---------------------------------------------------------------- backfill

  private Optional<Cursor> backfillPages(Run run, Optional<DateRange> range) {
    Resource r = run.resource;
    SyncState base = store.state(r.name()).orElse(SyncState.initial(r.name()));
    Checkpoint cp = base.checkpoint().filter(c -> c.range().equals(range))
        .orElse(Checkpoint.start(range, run.startedAt));
    run.progressBase = cp.records();
    Optional<Cursor> lastPosition = cp.position();

    PageRequest request = new PageRequest(r, SyncMode.BACKFILL, PageRequest.Order.ID, cp.position(),
        cp.continuation(), range, cp.pages() + 1);
    PageStream pages = new PageStream(run, request);
    while (true) {
      FetchedPage fp = pages.next();
      Page page = fp.page();
      List<SourceRecord> kept = checkPage(run, fp.request(), page);
      Optional<Cursor> position = page.sorted() && !kept.isEmpty()
          ? Optional.of(new Cursor.IdOnly(kept.get(kept.size() - 1).id())) : Optional.empty();
      if (!page.sorted()) {
        kept.stream().map(rec -> (Cursor) new Cursor.IdOnly(rec.id()))
            .reduce((a, b) -> Cursor.order().compare(a, b) >= 0 ? a : b)
            .ifPresent(c -> pages.unsortedMax = Cursor.max(pages.unsortedMax, Optional.of(c)));
      }
      Optional<Instant> mark = cp.mark().isPresent() ? cp.mark()
          : Optional.of(lowWaterMark(page, fp.fetchedAt()));
      cp = cp.advance(position, page.continuation(), mark, kept.size());
      lastPosition = Cursor.max(lastPosition, position);
      boolean last = !page.hasMore();
      SyncState next;
      if (!last) {
        pages.prefetch(nextRequest(fp.request(), position, page));
        next = base.withCheckpoint(Optional.of(cp)).running(SyncMode.BACKFILL);
      } else {
        Optional<Cursor> cursor = r.strategy() == SyncStrategy.TIMESTAMP_THEN_ID
            ? Optional.of(Cursor.Timestamped.atOrAfter(mark.get()))
            : Cursor.max(base.cursor().filter(c -> c instanceof Cursor.IdOnly),
                Cursor.max(lastPosition, pages.unsortedMax));
        next = base.withCursor(cursor).backfillCompleted(cp.startedAt()).running(SyncMode.BACKFILL);
      }
      WriteResult w = store.write(new PageWrite(r, kept, next.withLastTraffic(run.traffic), fp.fetchedAt(),
          Optional.of(run.lease), softDeletions(r, kept, fp.fetchedAt())).withRejected(run.aside));
      run.committed(kept.size(), w, page.total());
      if (last) {
        break;
      }
      run.renewLeaseIfDue();
      checkInterrupt(run);
    }
    // Catch up with what changed while the backfill paged: an incremental pass from the mark.
    return deletionsAfter(run, incrementalPages(run), false);
  }

  // ---------------------------------------------------------------- deletions

  /** The page's records that say they are deleted (the resource's {@link io.syncline.SoftDelete}). */
  private static List<Deletion> softDeletions(Resource r, List<SourceRecord> kept, Instant fetchedAt) {
    List<Deletion> out = new ArrayList<>();
    for (SourceRecord rec : kept) {
      r.softDelete().deletedAt(rec.json(), rec.updatedAt(), fetchedAt)
          .ifPresent(at -> out.add(new Deletion(rec.id(), at)));
    }
    return out;
  }

  /**
   * Runs the deletion feed (when the source has one) and, when asked, an id sweep, in the run's
   * lease, after its listing pass; returns the listing pass's cursor.
   */
  private Optional<Cursor> deletionsAfter(Run run, Optional<Cursor> cursor, boolean sweep) {
    DeletionPasses.BetweenPages between = page -> {
      run.currentPage = page;
      run.renewLeaseIfDue();
      checkInterrupt(run);
    };
    if (source.hasDeletionFeed(run.resource) && !run.feedDone) {
      absorb(run, deletionPasses.feed(run.resource, () -> run.lease, between));
      run.feedDone = true;
    }
    if (sweep) {
      absorb(run, deletionPasses.sweep(run.resource, () -> run.lease, between));
    }
    return cursor;
  }

  private static void absorb(Run run, DeletionPasses.Tally t) {
    run.pages += t.pages();
    run.fetched += t.fetched();
    run.written = run.written.plus(t.written());
    run.traffic = run.traffic.plus(t.traffic());
  }

  // ---------------------------------------------------------------- incremental

  private Optional<Cursor> incrementalPages(Run run) {
    Resource r = run.resource;
    Instant passStartedAt = clock.instant();
    SyncState base = store.state(r.name()).orElse(SyncState.initial(r.name()));
    Optional<Cursor> committed = base.cursor();
    Optional<Cursor> start;
    PageRequest.Order order;
    if (r.strategy() == SyncStrategy.TIMESTAMP_THEN_ID) {
      order = PageRequest.Order.UPDATED_AT_THEN_ID;
      if (committed.isPresent() && !(committed.get() instanceof Cursor.Timestamped)) {
        throw new SyncException(r.name(), "the stored cursor (" + committed.get().encode()
            + ") is id-only but the resource now has a timestamp field; run a backfill to reset it");
      }
      // The pass re-reads the cursor's own instant whole: a record with a lower id may have been
      // edited again within that instant after the last run read it. Re-read records are compared
      // with the stored version by the store (unchanged ones cost no write), never dropped by id.
      start = committed.map(c -> Cursor.Timestamped.atOrAfter(
          ((Cursor.Timestamped) c).updatedAt().minus(r.lookback())));
      if (start.isEmpty()) {
        start = Optional.of(Cursor.Timestamped.atOrAfter(passStartedAt.minus(r.initialLookback())));
      }
    } else {
      order = PageRequest.Order.ID;
      if (committed.isPresent() && !(committed.get() instanceof Cursor.IdOnly)) {
        throw new SyncException(r.name(), "the stored cursor (" + committed.get().encode()
            + ") is timestamped but the resource has no timestamp field; run a backfill to reset it");
      }
      start = committed;
    }
    SyncMode stateMode = run.mode;
    PageRequest request = new PageRequest(r, SyncMode.INCREMENTAL, order, start, Optional.empty(),
        Optional.empty(), 1, base.validator());
    PageStream pages = new PageStream(run, request);
    Optional<Cursor> runMax = committed;
    boolean allSorted = true;
    while (true) {
      FetchedPage fp = pages.next();
      Page page = fp.page();
      if (page.notModified()) {
        unchanged(run, fp, base.succeeded(stateMode, passStartedAt));
        return committed;
      }
      base = withFirstPageValidator(base, fp);
      List<SourceRecord> kept = checkPage(run, fp.request(), page);
      allSorted &= page.sorted();
      Optional<Cursor> pageMax = kept.stream().map(rec -> cursorOf(r, order, rec))
          .reduce((a, b) -> Cursor.order().compare(a, b) >= 0 ? a : b);
      runMax = Cursor.max(runMax, pageMax);
      boolean last = !page.hasMore();
      SyncState next;
      if (!last) {
        pages.prefetch(nextRequest(fp.request(), page.sorted() ? pageMax : Optional.empty(), page));
        // An unsorted listing may still hold records below this page's maximum: hold the cursor.
        next = base.withCursor(allSorted ? runMax : committed).running(stateMode);
      } else {
        next = base.withCursor(runMax).succeeded(stateMode, passStartedAt);
      }
      WriteResult w = store.write(new PageWrite(r, kept, next.withLastTraffic(run.traffic), fp.fetchedAt(),
          Optional.of(run.lease), softDeletions(r, kept, fp.fetchedAt())).withRejected(run.aside));
      run.committed(kept.size(), w, page.total());
      if (last) {
        return runMax;
      }
      run.renewLeaseIfDue();
      checkInterrupt(run);
    }
  }

  /**
   * The source answered the pass's conditional first request "not modified": the listing is the
   * one the previous pass read whole. Nothing is stored and the cursor stays; the state records
   * a successful run (the data is as fresh as the answer) and what asking cost.
   */
  private void unchanged(Run run, FetchedPage fp, SyncState next) {
    if (fp.request().validator().isEmpty() || fp.request().pageNumber() != 1) {
      throw new SyncException(run.name(), fp.request().pageNumber(), "the source answered \"not modified\" to "
          + "a request that carried no validator; nothing was stored", null);
    }
    checkPage(run, fp.request(), fp.page());
    WriteResult w = store.write(new PageWrite(run.resource, List.of(), next.withLastTraffic(run.traffic),
        fp.fetchedAt(), Optional.of(run.lease)));
    run.committed(0, w, OptionalLong.empty());
  }

  /**
   * Keeps the validator of a pass's first page when that page held the whole listing (a later
   * page may change while the first stays the same, so only then does "the first page is
   * unchanged" mean "nothing changed"); forgets it otherwise.
   */
  private static SyncState withFirstPageValidator(SyncState base, FetchedPage fp) {
    if (fp.request().pageNumber() != 1) {
      return base;
    }
    Page page = fp.page();
    return base.withValidator(page.hasMore() ? Optional.empty() : page.validator());
  }

  private static Cursor cursorOf(Resource r, PageRequest.Order order, SourceRecord rec) {
    if (order == PageRequest.Order.ID) {
      return new Cursor.IdOnly(rec.id());
    }
    return Cursor.Timestamped.after(rec.updatedAt().orElseThrow(), rec.id());
  }

  private static PageRequest nextRequest(PageRequest previous, Optional<Cursor> lastPosition, Page page) {
    return new PageRequest(previous.resource(), previous.mode(), previous.order(),
        lastPosition.isPresent() ? lastPosition : previous.after(), page.continuation(), previous.range(),
        previous.pageNumber() + 1);
  }

  private void checkInterrupt(Run run) {
    if (stopped) {
      throw new SyncStoppedException(run.name(), run.currentPage);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new SyncException(run.name(), run.currentPage, "interrupted after committing page "
          + (run.currentPage) + "; committed pages are kept, run the sync again to continue", null);
    }
  }

  /**
   * Validates a page and drops records at or before the requested position (overlap a source
   * may return with inclusive filters). Bad input fails the page before anything is stored, but a
   * record without its timestamp is set aside when the resource opts in (see {@link RejectedRecords}),
   * which leaves the page's records set aside in {@code run.aside}.
   */
  private List<SourceRecord> checkPage(Run run, PageRequest request, Page page) {
    Resource r = run.resource;
    long pageNo = request.pageNumber();
    boolean timestamped = r.strategy() == SyncStrategy.TIMESTAMP_THEN_ID;
    List<SourceRecord> kept = new ArrayList<>(page.records().size());
    Cursor previous = null;
    RejectedRecords aside = new RejectedRecords(r, pageNo, page);
    for (SourceRecord rec : page.records()) {
      if (timestamped && rec.updatedAt().isEmpty() && aside.setAsideWithoutTimestamp(rec)) {
        continue;
      }
      if (timestamped && rec.updatedAt().isEmpty()) {
        throw new InvalidRecordException(r.name(), pageNo, r.cursorField().orElseThrow(), rec.id(),
            "missing; every record of a timestamped resource needs it", null);
      }
      Cursor c = cursorOf(r, request.order(), rec);
      if (page.sorted()) {
        if (previous != null && Cursor.order().compare(c, previous) <= 0) {
          String field = request.order() == PageRequest.Order.ID ? r.idField() : r.cursorField().orElseThrow();
          throw new InvalidRecordException(r.name(), pageNo, field, rec.id(),
              "records out of the requested order " + request.order() + " (after " + previous.encode()
                  + "); the source must sort its pages or mark them unsorted", null);
        }
        previous = c;
        if (request.after().isPresent() && Cursor.order().compare(c, request.after().get()) <= 0) {
          continue;
        }
      }
      kept.add(rec);
    }
    run.fetched += page.records().size() + page.rejected().size();
    run.aside = aside.all();
    run.pageTraffic = page.traffic();
    run.traffic = run.traffic.plus(page.traffic());
    return kept;
  }

  /** A page with the request that produced it and when it arrived. */
  /**
   * The instant from which the catch-up after a backfill reads: the earlier of the source's clock
   * and ours, minus the margin. Taking the earlier one means a source clock running ahead of ours
   * (or a test server stamping real time next to a test clock) can only make the catch-up re-read
   * more, never skip a change.
   */
  private Instant lowWaterMark(Page page, Instant fetchedAt) {
    Instant theirs = page.sourceTime().orElse(fetchedAt);
    Instant earlier = theirs.isBefore(fetchedAt) ? theirs : fetchedAt;
    return earlier.minus(sourceClockMargin);
  }

  private record FetchedPage(PageRequest request, Page page, Instant fetchedAt) {}

  /** Fetches pages one after another, optionally the next one while the current one is written. */
  private final class PageStream {
    private final Run run;
    private PageRequest pending;
    private java.util.concurrent.Future<FetchedPage> ahead;
    private PageRequest lastFetched;
    Optional<Cursor> unsortedMax = Optional.empty();

    PageStream(Run run, PageRequest first) {
      this.run = run;
      this.pending = first;
      run.pageStream = this;
    }

    void prefetch(PageRequest next) {
      if (lastFetched != null && next.after().equals(lastFetched.after())
          && next.continuation().equals(lastFetched.continuation())) {
        throw new SyncException(run.name(), lastFetched.pageNumber(), "the source said more pages follow "
            + "but gave no way to reach them (same position and continuation as the page before); "
            + "this would loop forever, so the run stops here", null);
      }
      pending = next;
      if (fetchAhead) {
        PageRequest req = next;
        ahead = FETCH_AHEAD.submit(() -> fetch(req));
      }
    }

    FetchedPage next() {
      PageRequest req = pending;
      run.currentPage = req.pageNumber();
      lastFetched = req;
      if (ahead != null) {
        java.util.concurrent.Future<FetchedPage> f = ahead;
        ahead = null;
        try {
          return f.get();
        } catch (InterruptedException e) {
          f.cancel(true);
          Thread.currentThread().interrupt();
          throw new SyncException(run.name(), req.pageNumber(), "interrupted while fetching; committed "
              + "pages are kept, run the sync again to continue", e);
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new SyncException(run.name(), req.pageNumber(), String.valueOf(cause), cause);
        }
      }
      return fetch(req);
    }

    private FetchedPage fetch(PageRequest req) {
      Page page = source.fetch(req);
      if (page == null) {
        throw new SyncException(run.name(), req.pageNumber(), "the source returned no page (null)", null);
      }
      return new FetchedPage(req, page, clock.instant());
    }

    void cancel() {
      if (ahead != null) {
        ahead.cancel(true);
        ahead = null;
      }
    }
  }
}
