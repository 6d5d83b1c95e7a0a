package io.syncline.internal;

import io.syncline.Cursor;
import io.syncline.Resource;
import io.syncline.SyncException;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.SyncStrategy;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An incremental listing pass: reads what changed since the stored cursor, by ({@code updated_at},
 * id) for a timestamped resource and by id otherwise. Every page commits the cursor after it
 * (held at the committed one while a page came unsorted); the last one a successful run.
 */
final class IncrementalPass implements ListingPass {

  private final Resource resource;
  private final SyncMode stateMode;
  private final Instant startedAt;
  private final Optional<Cursor> committed;
  private final PageRequest first;
  private SyncState base;
  private Optional<Cursor> runMax;
  private boolean allSorted = true;
  private Optional<Cursor> end = Optional.empty();

  /**
   * @param resource the resource
   * @param base its committed state when the pass starts
   * @param stateMode the mode recorded in the state (the run's: a backfill's catch-up is BACKFILL)
   * @param startedAt when the pass started
   * @throws SyncException when the stored cursor does not fit the resource's strategy
   */
  IncrementalPass(Resource resource, SyncState base, SyncMode stateMode, Instant startedAt) {
    this.resource = resource;
    this.base = base;
    this.stateMode = stateMode;
    this.startedAt = startedAt;
    this.committed = base.cursor();
    this.runMax = committed;
    Optional<Cursor> start;
    PageRequest.Order order;
    if (resource.strategy() == SyncStrategy.TIMESTAMP_THEN_ID) {
      order = PageRequest.Order.UPDATED_AT_THEN_ID;
      if (committed.isPresent() && !(committed.get() instanceof Cursor.Timestamped)) {
        throw new SyncException(resource.name(), "the stored cursor (" + committed.get().encode()
            + ") is id-only but the resource now has a timestamp field; run a backfill to reset it");
      }
      // The pass re-reads the cursor's own instant whole: a record with a lower id may have been
      // edited again within that instant after the last run read it. Re-read records are compared
      // with the stored version by the store (unchanged ones cost no write), never dropped by id.
      start = committed.map(c -> Cursor.Timestamped.atOrAfter(
          ((Cursor.Timestamped) c).updatedAt().minus(resource.lookback())));
      if (start.isEmpty()) {
        start = Optional.of(Cursor.Timestamped.atOrAfter(startedAt.minus(resource.initialLookback())));
      }
    } else {
      order = PageRequest.Order.ID;
      if (committed.isPresent() && !(committed.get() instanceof Cursor.IdOnly)) {
        throw new SyncException(resource.name(), "the stored cursor (" + committed.get().encode()
            + ") is timestamped but the resource has no timestamp field; run a backfill to reset it");
      }
      start = committed;
    }
    this.first = new PageRequest(resource, SyncMode.INCREMENTAL, order, start, Optional.empty(), Optional.empty(),
        1, base.validator());
  }

  @Override
  public PageRequest first() {
    return first;
  }

  /**
   * The source answered the pass's conditional first request "not modified": the listing is the
   * one the previous pass read whole. Nothing is stored and the cursor stays; the state records
   * a successful run (the data is as fresh as the answer) and what asking cost.
   */
  @Override
  public Optional<Step> notModified(FetchedPage fp) {
    if (fp.request().validator().isEmpty() || fp.request().pageNumber() != 1) {
      throw new SyncException(resource.name(), fp.request().pageNumber(), "the source answered \"not modified\" "
          + "to a request that carried no validator; nothing was stored", null);
    }
    end = committed;
    return Optional.of(new Step(List.of(), base.succeeded(stateMode, startedAt), Optional.empty()));
  }

  @Override
  public Step page(FetchedPage fp, List<SourceRecord> kept) {
    Page page = fp.page();
    base = withFirstPageValidator(base, fp);
    allSorted &= page.sorted();
    PageRequest.Order order = fp.request().order();
    Optional<Cursor> pageMax = kept.stream().map(rec -> PageCheck.cursorOf(order, rec))
        .reduce((a, b) -> Cursor.order().compare(a, b) >= 0 ? a : b);
    runMax = Cursor.max(runMax, pageMax);
    if (page.hasMore()) {
      // An unsorted listing may still hold records below this page's maximum: hold the cursor.
      return new Step(kept, base.withCursor(allSorted ? runMax : committed).running(stateMode),
          Optional.of(ListingPass.nextRequest(fp.request(), page.sorted() ? pageMax : Optional.empty(), page)));
    }
    end = runMax;
    return new Step(kept, base.withCursor(runMax).succeeded(stateMode, startedAt), Optional.empty());
  }

  @Override
  public Optional<Cursor> cursor() {
    return end;
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
}
