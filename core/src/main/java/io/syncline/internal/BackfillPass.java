package io.syncline.internal;

import io.syncline.Checkpoint;
import io.syncline.Cursor;
import io.syncline.DateRange;
import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.SyncStrategy;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A backfill's listing pass: reads the whole resource (or a date range) in id order, resuming
 * from the stored checkpoint of the same range; every page commits the advanced checkpoint, the
 * last one the cursor and the completed backfill. The engine follows it with an incremental pass
 * from the checkpoint's low-water mark.
 */
final class BackfillPass implements ListingPass {

  private final Resource resource;
  private final SyncState base;
  private final Optional<DateRange> range;
  private final Duration sourceClockMargin;
  private Checkpoint cp;
  private Optional<Cursor> lastPosition;
  private Optional<Cursor> unsortedMax = Optional.empty();
  private Optional<Cursor> end = Optional.empty();

  /**
   * @param resource the resource
   * @param base its committed state when the pass starts
   * @param range the backfill's range, if any
   * @param runStartedAt when the run started (a new checkpoint's start)
   * @param sourceClockMargin subtracted from the source's clock for the low-water mark
   */
  BackfillPass(Resource resource, SyncState base, Optional<DateRange> range, Instant runStartedAt,
      Duration sourceClockMargin) {
    this.resource = resource;
    this.base = base;
    this.range = range;
    this.sourceClockMargin = sourceClockMargin;
    this.cp = base.checkpoint().filter(c -> c.range().equals(range)).orElse(Checkpoint.start(range, runStartedAt));
    this.lastPosition = cp.position();
  }

  /** @return records committed before this pass by the backfill it resumes */
  long recordsBefore() {
    return cp.records();
  }

  @Override
  public PageRequest first() {
    return new PageRequest(resource, SyncMode.BACKFILL, PageRequest.Order.ID, cp.position(), cp.continuation(), range,
        cp.pages() + 1);
  }

  @Override
  public Optional<Step> notModified(FetchedPage fp) {
    return Optional.empty();
  }

  @Override
  public Step page(FetchedPage fp, List<SourceRecord> kept) {
    Page page = fp.page();
    Optional<Cursor> position = page.sorted() && !kept.isEmpty()
        ? Optional.of(new Cursor.IdOnly(kept.get(kept.size() - 1).id())) : Optional.empty();
    if (!page.sorted()) {
      Optional<Cursor> pageMax = kept.stream().map(rec -> (Cursor) new Cursor.IdOnly(rec.id()))
          .reduce((a, b) -> Cursor.order().compare(a, b) >= 0 ? a : b);
      unsortedMax = Cursor.max(unsortedMax, pageMax);
    }
    Optional<Instant> mark = cp.mark().isPresent() ? cp.mark() : Optional.of(lowWaterMark(page, fp.fetchedAt()));
    cp = cp.advance(position, page.continuation(), mark, kept.size());
    lastPosition = Cursor.max(lastPosition, position);
    if (page.hasMore()) {
      return new Step(kept, base.withCheckpoint(Optional.of(cp)).running(SyncMode.BACKFILL),
          Optional.of(ListingPass.nextRequest(fp.request(), position, page)));
    }
    Optional<Cursor> cursor = resource.strategy() == SyncStrategy.TIMESTAMP_THEN_ID
        ? Optional.of(Cursor.Timestamped.atOrAfter(mark.get()))
        : Cursor.max(base.cursor().filter(c -> c instanceof Cursor.IdOnly), Cursor.max(lastPosition, unsortedMax));
    end = cursor;
    return new Step(kept, base.withCursor(cursor).backfillCompleted(cp.startedAt()).running(SyncMode.BACKFILL),
        Optional.empty());
  }

  @Override
  public Optional<Cursor> cursor() {
    return end;
  }

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
}
