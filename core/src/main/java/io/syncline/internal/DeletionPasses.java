package io.syncline.internal;

import io.syncline.Cursor;
import io.syncline.DeletionPolicy;
import io.syncline.InvalidRecordException;
import io.syncline.Resource;
import io.syncline.SyncException;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.Traffic;
import io.syncline.spi.Deletion;
import io.syncline.spi.Lease;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RecordSource;
import io.syncline.spi.RecordStore;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.SweepOutcome;
import io.syncline.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine's two deletion passes. The <b>feed</b> pages through the source's deleted ids with
 * its own cursor, committing each page's marks with the cursor in one write. The <b>id sweep</b>
 * lists every id (the store keeps which it saw, so memory does not grow with the resource) and
 * only at its end marks the live records it did not see, except those fetched or changed since
 * it started; a sweep that fails or stops midway marks nothing, and one that would mark more
 * than the resource's {@link DeletionPolicy#maxSweepShare()} marks nothing and fails. Not API;
 * one instance per engine, thread-safe (no mutable state).
 */
final class DeletionPasses {
  /** The most laps a sweep over a listing paged by position reads before it gives up. */
  static final int MAX_LAPS = 4;

  /** What a pass did. */
  record Tally(long pages, long fetched, WriteResult written, Traffic traffic) {}

  /** Called after each committed page: renews the lease, and throws to stop the pass. */
  interface BetweenPages {
    void check(long committedPage);
  }

  private final RecordSource source;
  private final RecordStore store;
  private final Clock clock;

  DeletionPasses(RecordSource source, RecordStore store, Clock clock) {
    this.source = source;
    this.store = store;
    this.clock = clock;
  }

  /**
   * @param r a resource
   * @param state its state
   * @param now the time
   * @return true when the resource sweeps on a schedule and its last sweep is that old (or none ran)
   */
  static boolean sweepDue(Resource r, Optional<SyncState> state, Instant now) {
    Optional<Duration> every = r.deletions().sweepInterval();
    if (every.isEmpty()) {
      return false;
    }
    Optional<Instant> last = state.flatMap(s -> s.deletions().lastSweepAt());
    return last.isEmpty() || !last.get().plus(every.get()).isAfter(now);
  }

  /** Reads the whole deletion feed from the stored feed cursor (less the lookback), page by page. */
  Tally feed(Resource r, Supplier<Lease> lease, BetweenPages between) {
    String name = r.name();
    SyncState state = store.state(name).orElse(SyncState.initial(name));
    Optional<Cursor> committed = state.deletions().feedCursor();
    Optional<Cursor> start = committed.map(c -> r.lookback().isZero() || !(c instanceof Cursor.Timestamped t) ? c
        : Cursor.Timestamped.atOrAfter(t.updatedAt().minus(r.lookback())));
    PageRequest request = new PageRequest(r, SyncMode.INCREMENTAL, PageRequest.Order.UPDATED_AT_THEN_ID, start,
        Optional.empty(), Optional.empty(), 1);
    long pages = 0;
    long fetched = 0;
    WriteResult written = WriteResult.EMPTY;
    Traffic traffic = Traffic.NONE;
    Optional<Cursor> max = committed;
    boolean allSorted = true;
    while (true) {
      Page page = fetch(name, request, source::fetchDeletions);
      Instant fetchedAt = clock.instant();
      List<Deletion> deletions = new ArrayList<>(page.records().size());
      Optional<Cursor> pageMax = Optional.empty();
      long pageNo = request.pageNumber();
      for (SourceRecord rec : page.records()) {
        Instant deletedAt = rec.updatedAt().orElseThrow(() -> new InvalidRecordException(name,
            pageNo, "deleted_at", rec.id(), "missing from a deletion-feed entry", null));
        deletions.add(new Deletion(rec.id(), deletedAt));
        pageMax = Cursor.max(pageMax, Optional.of(Cursor.Timestamped.after(deletedAt, rec.id())));
      }
      allSorted &= page.sorted();
      max = Cursor.max(max, pageMax);
      boolean last = !page.hasMore();
      // An unsorted feed may still hold earlier entries on later pages: the cursor moves at the end.
      Optional<Cursor> cursor = last || allSorted ? max : committed;
      state = state.withDeletions(state.deletions().withFeedCursor(cursor));
      written = written.plus(store.write(new PageWrite(r, List.of(), state, fetchedAt, Optional.of(lease.get()),
          deletions)));
      pages++;
      fetched += page.records().size();
      traffic = traffic.plus(page.traffic());
      if (last) {
        return new Tally(pages, fetched, written, traffic);
      }
      between.check(request.pageNumber());
      request = next(request, page.sorted() ? pageMax : Optional.empty(), page);
    }
  }

  /**
   * Lists every id, then marks the live records not seen (within the safety limit). A listing
   * continued by the last id seen is read once. A listing continued by position (page numbers,
   * offsets, links, tokens) can shift under the sweep: a record deleted behind the position moves
   * every later one up, and the one crossing a page boundary is not listed. Such a listing is read
   * in laps until two consecutive laps list the same ids ({@link IdLap}): a shift in a lap needs a
   * record removed during it, which the next lap then does not list. After {@value #MAX_LAPS} laps
   * that all differ, the sweep fails and marks nothing.
   */
  Tally sweep(Resource r, Supplier<Lease> lease, BetweenPages between) {
    String name = r.name();
    Instant start = clock.instant();
    long pages = 0;
    long fetched = 0;
    Traffic traffic = Traffic.NONE;
    IdLap previous = null;
    for (int lapNo = 1; ; lapNo++) {
      IdLap lap = lap(r, start, between, pages);
      pages += lap.pages();
      fetched += lap.fetched();
      traffic = traffic.plus(lap.traffic());
      if (!lap.positional() || (previous != null && lap.listedTheSameAs(previous))) {
        break;
      }
      if (lapNo == MAX_LAPS) {
        throw new SyncException(name, "the id listing, paged by position, changed during each of " + MAX_LAPS
            + " laps of the sweep, so a live record may have shifted out of view; nothing was marked");
      }
      previous = lap;
    }
    Instant end = clock.instant();
    DeletionPolicy policy = r.deletions();
    SweepOutcome outcome = store.finishSweep(name, start, end, policy.maxSweepShare());
    if (!outcome.applied()) {
      throw new SyncException(name, "the id sweep would mark " + outcome.unseen() + " of " + outcome.live()
          + " live records deleted, more than the limit of " + percent(policy.maxSweepShare())
          + " (maxSweepShare); nothing was marked. If the source really lost them, raise the limit for one sweep");
    }
    policy.retention().ifPresent(keep -> store.purgeDeleted(name, end.minus(keep)));
    SyncState state = store.state(name).orElse(SyncState.initial(name));
    store.saveState(state.withDeletions(state.deletions().swept(start)));
    return new Tally(pages, fetched, WriteResult.EMPTY.plusDeleted(outcome.marked()), traffic);
  }

  /** One listing of every id, noting the ids seen as seen by the sweep that began at {@code start}. */
  private IdLap lap(Resource r, Instant start, BetweenPages between, long pagesBefore) {
    String name = r.name();
    PageRequest request = new PageRequest(r, SyncMode.BACKFILL, PageRequest.Order.ID, Optional.empty(),
        Optional.empty(), Optional.empty(), 1);
    IdLap lap = IdLap.NONE;
    while (true) {
      Page page = fetch(name, request, source::fetchIds);
      List<String> ids = page.records().stream().map(SourceRecord::id).toList();
      store.noteSwept(name, ids, start);
      lap = lap.plus(ids, page.traffic(), page.continuation().isPresent());
      if (!page.hasMore()) {
        return lap;
      }
      between.check(pagesBefore + request.pageNumber());
      Optional<Cursor> last = page.sorted() && !ids.isEmpty()
          ? Optional.of(new Cursor.IdOnly(ids.get(ids.size() - 1))) : Optional.empty();
      request = next(request, last, page);
    }
  }

  private static String percent(double share) {
    return Math.round(share * 1000) / 10.0 + " %";
  }

  private static Page fetch(String name, PageRequest request, java.util.function.Function<PageRequest, Page> how) {
    Page page = how.apply(request);
    if (page == null) {
      throw new SyncException(name, request.pageNumber(), "the source returned no page (null)", null);
    }
    if (page.notModified()) {
      throw new SyncException(name, request.pageNumber(), "the source answered \"not modified\" to a deletion"
          + " pass's request, which carries no validator; nothing was marked", null);
    }
    return page;
  }

  private static PageRequest next(PageRequest previous, Optional<Cursor> position, Page page) {
    Optional<Cursor> after = position.isPresent() ? position : previous.after();
    if (after.equals(previous.after()) && page.continuation().equals(previous.continuation())) {
      throw new SyncException(previous.resource().name(), previous.pageNumber(), "the source said more pages follow "
          + "but gave no way to reach them (same position and continuation as the page before); "
          + "this would loop forever, so the pass stops here and marks nothing more", null);
    }
    return new PageRequest(previous.resource(), previous.mode(), previous.order(), after, page.continuation(),
        previous.range(), previous.pageNumber() + 1);
  }
}
