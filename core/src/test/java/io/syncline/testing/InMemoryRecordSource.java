package io.syncline.testing;

import io.syncline.Cursor;
import io.syncline.IdOrder;
import io.syncline.Resource;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.RecordSource;
import io.syncline.spi.SourceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * A {@link RecordSource} in memory that behaves like a live remote API, for tests. It can
 * reproduce what makes syncing hard:
 *
 * <ul>
 *   <li>runs of records sharing one {@code updated_at}, longer than a page ({@link #putRun});
 *   <li>records updated while a client pages ({@link #beforeFetch} runs code before a chosen fetch);
 *   <li>records that become visible after their {@code updated_at} ({@link #putLate});
 *   <li>id-only resources (records without a timestamp);
 *   <li>failures on fetch N ({@link #failOnFetch});
 *   <li>unstable page-number pagination, where changes shift records between pages
 *       ({@link #paginateByPageNumber}).
 * </ul>
 *
 * <p>By default it pages by keyset: the request's {@code after} position. Thread-safe.
 */
public final class InMemoryRecordSource implements RecordSource {

  /** One record version on the server. */
  private record Rec(String id, Instant updatedAt, Instant visibleAt, LocalDate createdOn, String json) {}

  private final Clock clock;
  private final Map<String, TreeMap<String, Rec>> data = new HashMap<>();
  /** Every deletion per resource: id and deletion time, as a deletion feed lists them. */
  private final Map<String, List<SourceRecord>> deletions = new HashMap<>();
  private final java.util.Set<String> feeds = new java.util.HashSet<>();
  private final AtomicInteger idFetches = new AtomicInteger();
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicInteger recordsServed = new AtomicInteger();
  private final Map<Integer, IntConsumer> hooks = new HashMap<>();
  private volatile int failOn = -1;
  private volatile boolean pageNumbers;
  private volatile boolean reportTime = true;
  private int version;

  /**
   * Creates a source on a clock (which decides visibility and the reported source time).
   *
   * @param clock the clock
   */
  public InMemoryRecordSource(Clock clock) {
    this.clock = clock;
  }

  /**
   * Adds or replaces a record with a timestamp, visible at once.
   *
   * @param resource the resource's name
   * @param id the id
   * @param updatedAt its {@code updated_at}
   * @return this source
   */
  public synchronized InMemoryRecordSource put(String resource, long id, Instant updatedAt) {
    return putLate(resource, id, updatedAt, updatedAt);
  }

  /**
   * Adds or replaces a record that becomes visible only at {@code visibleAt} (a late commit).
   *
   * @param resource the resource's name
   * @param id the id
   * @param updatedAt its {@code updated_at}
   * @param visibleAt when readers first see it
   * @return this source
   */
  public synchronized InMemoryRecordSource putLate(String resource, long id, Instant updatedAt, Instant visibleAt) {
    String sid = Long.toString(id);
    LocalDate created = createdOn(resource, sid, updatedAt);
    table(resource).put(sid, new Rec(sid, updatedAt, visibleAt, created,
        json(sid, Optional.of(updatedAt), created)));
    return this;
  }

  /**
   * Adds or replaces a record with a timestamp and extra top-level fields, visible at once.
   *
   * @param resource the resource's name
   * @param id the id
   * @param updatedAt its {@code updated_at}
   * @param extraFields JSON members appended to the record, e.g. {@code "status":"deleted"}
   * @return this source
   */
  public synchronized InMemoryRecordSource putWith(String resource, long id, Instant updatedAt, String extraFields) {
    String sid = Long.toString(id);
    LocalDate created = createdOn(resource, sid, updatedAt);
    String base = json(sid, Optional.of(updatedAt), created);
    table(resource).put(sid, new Rec(sid, updatedAt, updatedAt, created,
        base.substring(0, base.length() - 1) + "," + extraFields + "}"));
    return this;
  }

  /**
   * Adds a run of records sharing one {@code updated_at}.
   *
   * @param resource the resource's name
   * @param firstId the first id
   * @param count how many
   * @param updatedAt their common timestamp
   * @return this source
   */
  public synchronized InMemoryRecordSource putRun(String resource, long firstId, int count, Instant updatedAt) {
    for (int i = 0; i < count; i++) {
      put(resource, firstId + i, updatedAt);
    }
    return this;
  }

  /**
   * Adds or replaces a record without a timestamp (id-only resource).
   *
   * @param resource the resource's name
   * @param id the id
   * @return this source
   */
  public synchronized InMemoryRecordSource putIdOnly(String resource, long id) {
    String sid = Long.toString(id);
    Instant epoch = Instant.EPOCH;
    table(resource).put(sid, new Rec(sid, null, epoch, LocalDate.of(2026, 1, 1),
        json(sid, Optional.empty(), LocalDate.of(2026, 1, 1))));
    return this;
  }

  /**
   * Sets a record's creation date (used by date-range backfills).
   *
   * @param resource the resource's name
   * @param id the id
   * @param date the creation date
   * @return this source
   */
  public synchronized InMemoryRecordSource created(String resource, long id, LocalDate date) {
    Rec r = table(resource).get(Long.toString(id));
    table(resource).put(r.id(), new Rec(r.id(), r.updatedAt(), r.visibleAt(), date,
        json(r.id(), Optional.ofNullable(r.updatedAt()), date)));
    return this;
  }

  /**
   * Changes a record: a new payload and, for timestamped records, a new {@code updated_at}.
   *
   * @param resource the resource's name
   * @param id the id
   * @param updatedAt its new {@code updated_at}; ignored for id-only records
   * @return this source
   */
  public synchronized InMemoryRecordSource touch(String resource, long id, Instant updatedAt) {
    Rec r = table(resource).get(Long.toString(id));
    if (r == null) {
      throw new IllegalArgumentException("no record " + id + " in " + resource);
    }
    Instant ts = r.updatedAt() == null ? null : updatedAt;
    table(resource).put(r.id(), new Rec(r.id(), ts, ts == null ? r.visibleAt() : ts, r.createdOn(),
        json(r.id(), Optional.ofNullable(ts), r.createdOn())));
    return this;
  }

  /**
   * Removes a record.
   *
   * @param resource the resource's name
   * @param id the id
   * @return this source
   */
  public synchronized InMemoryRecordSource delete(String resource, long id) {
    Rec gone = table(resource).remove(Long.toString(id));
    if (gone != null) {
      // A record is deleted after its last change, at the source's clock.
      Instant now = clock.instant();
      Instant at = gone.updatedAt() != null && gone.updatedAt().isAfter(now) ? gone.updatedAt() : now;
      deletions.computeIfAbsent(resource, k -> new ArrayList<>())
          .add(SourceRecord.of(gone.id(), at, "{\"id\":" + gone.id() + ",\"deleted_at\":\"" + at + "\"}"));
    }
    return this;
  }

  /**
   * Offers a deletion feed for a resource: {@link #fetchDeletions} lists its deletions by
   * deletion time, then id.
   *
   * @param resource the resource's name
   * @return this source
   */
  public synchronized InMemoryRecordSource withDeletionFeed(String resource) {
    feeds.add(resource);
    return this;
  }

  /** @return id-sweep fetches served so far (also counted in {@link #fetchCount()}) */
  public int idFetchCount() {
    return idFetches.get();
  }

  @Override
  public synchronized boolean hasDeletionFeed(Resource resource) {
    return feeds.contains(resource.name());
  }

  @Override
  public Page fetchDeletions(PageRequest request) {
    return counted(request, () -> {
      Comparator<SourceRecord> order = Comparator.comparing((SourceRecord d) -> d.updatedAt().orElseThrow())
          .thenComparing(SourceRecord::id, IdOrder.INSTANCE);
      List<SourceRecord> matching = deletions.getOrDefault(request.resource().name(), List.of()).stream()
          .filter(d -> request.after().map(a -> ((Cursor.Timestamped) a).isBefore(d.updatedAt().orElseThrow(), d.id()))
              .orElse(true))
          .sorted(order).toList();
      int to = Math.min(request.pageSize(), matching.size());
      return Page.of(matching.subList(0, to), to < matching.size());
    });
  }

  @Override
  public Page fetchIds(PageRequest request) {
    idFetches.incrementAndGet();
    return fetch(request);
  }

  /**
   * Runs code just before the n-th fetch from now (1-based) is served; it receives n.
   *
   * @param n which fetch
   * @param action what to do, e.g. touch records
   * @return this source
   */
  public synchronized InMemoryRecordSource beforeFetch(int n, IntConsumer action) {
    hooks.put(fetches.get() + n, action);
    return this;
  }

  /** Drops the actions of {@link #beforeFetch} not run yet. */
  public synchronized void clearHooks() {
    hooks.clear();
  }

  /**
   * Makes the n-th fetch from now (1-based) fail with an {@link IllegalStateException}.
   *
   * @param n which fetch
   * @return this source
   */
  public InMemoryRecordSource failOnFetch(int n) {
    this.failOn = fetches.get() + n;
    return this;
  }

  /**
   * Pages by page number (a continuation token holding the offset) instead of keyset: records
   * that change while a client pages shift between pages, as on many real APIs.
   *
   * @return this source
   */
  public InMemoryRecordSource paginateByPageNumber() {
    this.pageNumbers = true;
    return this;
  }

  /**
   * Stops reporting the source's clock with pages.
   *
   * @return this source
   */
  public InMemoryRecordSource withoutSourceTime() {
    this.reportTime = false;
    return this;
  }

  /** @return fetches served so far */
  public int fetchCount() {
    return fetches.get();
  }

  /** @return records served so far */
  public int recordsServed() {
    return recordsServed.get();
  }

  /**
   * The current payloads of a resource's records, by id, visible or not.
   *
   * @param resource the resource's name
   * @return id → JSON
   */
  public synchronized Map<String, String> snapshot(String resource) {
    Map<String, String> m = new TreeMap<>(IdOrder.INSTANCE);
    table(resource).values().forEach(r -> m.put(r.id(), r.json()));
    return m;
  }

  @Override
  public Page fetch(PageRequest request) {
    return counted(request, () -> serve(request));
  }

  private Page counted(PageRequest request, java.util.function.Supplier<Page> serve) {
    int n = fetches.incrementAndGet();
    IntConsumer hook;
    synchronized (this) {
      hook = hooks.remove(n);
    }
    if (hook != null) {
      hook.accept(n);
    }
    if (n == failOn) {
      throw new IllegalStateException("injected source failure on fetch " + n + " of "
          + request.resource().name() + " (page " + request.pageNumber() + ")");
    }
    synchronized (this) {
      return serve.get();
    }
  }

  private Page serve(PageRequest request) {
    Resource r = request.resource();
    Instant now = clock.instant();
    Comparator<Rec> order = request.order() == PageRequest.Order.ID
        ? Comparator.comparing(Rec::id, IdOrder.INSTANCE)
        : Comparator.comparing(Rec::updatedAt).thenComparing(Rec::id, IdOrder.INSTANCE);
    Stream<Rec> visible = table(r.name()).values().stream()
        .filter(rec -> !rec.visibleAt().isAfter(now))
        .filter(rec -> request.range().map(range -> range.contains(rec.createdOn())).orElse(true));
    List<Rec> matching;
    int offset = 0;
    if (pageNumbers) {
      matching = visible.sorted(order).toList();
      offset = request.continuation().map(Integer::parseInt).orElse(0);
      if (request.continuation().isEmpty() && request.after().isPresent()) {
        Cursor after = request.after().get();
        matching = matching.stream().filter(rec -> isAfter(after, rec)).toList();
      }
    } else {
      matching = visible.filter(rec -> request.after().map(a -> isAfter(a, rec)).orElse(true))
          .sorted(order).toList();
    }
    int size = request.pageSize();
    int from = Math.min(offset, matching.size());
    int to = Math.min(from + size, matching.size());
    List<SourceRecord> records = new ArrayList<>(to - from);
    for (Rec rec : matching.subList(from, to)) {
      records.add(rec.updatedAt() == null ? SourceRecord.withoutTimestamp(rec.id(), rec.json())
          : SourceRecord.of(rec.id(), rec.updatedAt(), rec.json()));
    }
    recordsServed.addAndGet(records.size());
    boolean hasMore = to < matching.size();
    Page page = Page.of(records, hasMore).withTotal(matching.size() - from);
    if (pageNumbers && hasMore) {
      page = page.withContinuation(Integer.toString(to));
    }
    return reportTime ? page.withSourceTime(now) : page;
  }

  private static boolean isAfter(Cursor after, Rec rec) {
    if (after instanceof Cursor.IdOnly id) {
      return id.isBefore(rec.id());
    }
    Cursor.Timestamped ts = (Cursor.Timestamped) after;
    return ts.isBefore(rec.updatedAt(), rec.id());
  }

  private TreeMap<String, Rec> table(String resource) {
    return data.computeIfAbsent(resource, k -> new TreeMap<>(IdOrder.INSTANCE));
  }

  private LocalDate createdOn(String resource, String id, Instant fallback) {
    Rec old = table(resource).get(id);
    return old != null ? old.createdOn() : LocalDate.ofInstant(fallback, ZoneOffset.UTC);
  }

  private String json(String id, Optional<Instant> updatedAt, LocalDate created) {
    version++;
    return "{\"id\":" + id + ",\"v\":" + version + ",\"created_on\":\"" + created + "\""
        + updatedAt.map(t -> ",\"updated_at\":\"" + t + "\"").orElse("") + "}";
  }

  /**
   * An instant a given number of seconds after {@code base}, for readable fixtures.
   *
   * @param base the base
   * @param seconds seconds after it
   * @return the instant
   */
  public static Instant at(Instant base, long seconds) {
    return base.plus(Duration.ofSeconds(seconds));
  }
}
