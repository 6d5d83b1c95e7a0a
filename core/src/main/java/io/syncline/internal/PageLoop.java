package io.syncline.internal;

import io.syncline.Cursor;
import io.syncline.Resource;
import io.syncline.SyncException;
import io.syncline.spi.Deletion;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RecordSource;
import io.syncline.spi.RecordStore;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/**
 * The page loop every listing pass runs: fetch, validate and hand the page to its pass (the
 * pages after the first on the fetch-ahead executor, when there is one, where the next request
 * goes out as soon as the page before is handed over), then on the run's thread write the page
 * with the state the pass gives, publish progress, renew the lease and stop when asked.
 * Thread-safe: it holds no state of its own.
 */
final class PageLoop {

  private final RecordSource source;
  private final RecordStore store;
  private final Clock clock;
  private final Optional<Executor> fetchAhead;

  /**
   * @param source the source
   * @param store the store
   * @param clock the engine's clock (a page's fetch time)
   * @param fetchAhead where the next page is fetched while one is written, empty for the run's thread
   */
  PageLoop(RecordSource source, RecordStore store, Clock clock, Optional<Executor> fetchAhead) {
    this.source = source;
    this.store = store;
    this.clock = clock;
    this.fetchAhead = fetchAhead;
  }

  /**
   * Runs a pass to its last page.
   *
   * @param run the run
   * @param pass the pass
   * @return the pass's cursor after its last page
   */
  Optional<Cursor> run(Run run, ListingPass pass) {
    Resource r = run.resource();
    FetchAhead pages = new FetchAhead(r.name(), req -> ready(r, pass, fetch(r, req)), fetchAhead, pass.first());
    try {
      while (true) {
        run.atPage(pages.pending().pageNumber());
        ReadyPage ready = pages.next();
        FetchedPage fp = ready.fetched();
        run.fetched(fp.page());
        ListingPass.Step step = ready.step();
        WriteResult w = store.write(new PageWrite(r, step.records(), step.state().withLastTraffic(run.traffic()),
            fp.fetchedAt(), Optional.of(run.lease()), ready.softDeletions()).withRejected(ready.rejected()));
        run.committed(step.records().size(), w, ready.remaining());
        if (step.last()) {
          return pass.cursor();
        }
        run.betweenPages();
      }
    } finally {
      pages.cancel();
    }
  }

  /**
   * Checks a fetched page and hands it to its pass, on the thread that fetched it; with
   * fetch-ahead, on the executor's thread, one page at a time and in order.
   */
  private static ReadyPage ready(Resource r, ListingPass pass, FetchedPage fp) {
    Page page = fp.page();
    Optional<ListingPass.Step> unchanged = page.notModified() ? pass.notModified(fp) : Optional.empty();
    RejectedRecords aside = new RejectedRecords(r, fp.request().pageNumber(), page);
    List<SourceRecord> kept = PageCheck.kept(r, fp.request(), page, aside);
    ListingPass.Step step = unchanged.isPresent() ? unchanged.get() : pass.page(fp, kept);
    if (!step.last()) {
      progressing(r, fp.request(), step.next().get());
    }
    return new ReadyPage(fp, step, aside.all(), softDeletions(r, step.records(), fp.fetchedAt()),
        remaining(page, kept));
  }

  /**
   * The records the listing holds from this page on as far as the run goes: the source's
   * {@link Page#total()} less the overlap this page's check dropped.
   */
  private static OptionalLong remaining(Page page, List<SourceRecord> kept) {
    if (page.total().isEmpty()) {
      return page.total();
    }
    int dropped = page.records().size() - kept.size();
    return OptionalLong.of(Math.max(0, page.total().getAsLong() - dropped));
  }

  private FetchedPage fetch(Resource r, PageRequest req) {
    Page page = source.fetch(req);
    if (page == null) {
      throw new SyncException(r.name(), req.pageNumber(), "the source returned no page (null)", null);
    }
    return new FetchedPage(req, page, clock.instant());
  }

  /** The next request, unless it would fetch the same page again forever. */
  private static PageRequest progressing(Resource r, PageRequest previous, PageRequest next) {
    if (next.after().equals(previous.after()) && next.continuation().equals(previous.continuation())) {
      throw new SyncException(r.name(), previous.pageNumber(), "the source said more pages follow "
          + "but gave no way to reach them (same position and continuation as the page before); "
          + "this would loop forever, so the run stops here", null);
    }
    return next;
  }

  /** The page's records that say they are deleted (the resource's {@link io.syncline.SoftDelete}). */
  private static List<Deletion> softDeletions(Resource r, List<SourceRecord> kept, Instant fetchedAt) {
    List<Deletion> out = new ArrayList<>();
    for (SourceRecord rec : kept) {
      r.softDelete().deletedAt(rec.json(), rec.updatedAt(), fetchedAt)
          .ifPresent(at -> out.add(new Deletion(rec.id(), at)));
    }
    return out;
  }
}
