package io.syncline.internal;

import io.syncline.Cursor;
import io.syncline.SyncState;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.SourceRecord;
import java.util.List;
import java.util.Optional;

/**
 * What differs between a backfill and an incremental pass over a resource's listing: the first
 * request, the state committed with each page and the request of the next, and the cursor at the
 * end. {@link PageLoop} does the rest (fetch, validate, write, progress, lease, stop). A pass keeps
 * its own state between pages; one instance serves one pass on one thread.
 */
interface ListingPass {

  /** @return the pass's first request */
  PageRequest first();

  /**
   * Handles a validated page.
   *
   * @param fp the page
   * @param kept its records that passed validation, overlap dropped
   * @return what to write and what to fetch next
   */
  Step page(FetchedPage fp, List<SourceRecord> kept);

  /**
   * Handles a "not modified" answer, before the page is validated.
   *
   * @param fp the page
   * @return what to write, or empty to handle it as an ordinary page
   */
  Optional<Step> notModified(FetchedPage fp);

  /** @return the listing's cursor after the pass's last page */
  Optional<Cursor> cursor();

  /**
   * What to commit after a page, and what to fetch next.
   *
   * @param records the records to write
   * @param state the state committed with them
   * @param next the next page's request, empty after the last page
   */
  record Step(List<SourceRecord> records, SyncState state, Optional<PageRequest> next) {

    /** @return true when no page follows */
    boolean last() {
      return next.isEmpty();
    }
  }

  /**
   * The request after a page: from the page's last position when it has one, else the previous
   * request's, with the page's continuation.
   *
   * @param previous the page's request
   * @param lastPosition the position after the page, if it moved
   * @param page the page
   * @return the next request
   */
  static PageRequest nextRequest(PageRequest previous, Optional<Cursor> lastPosition, Page page) {
    return new PageRequest(previous.resource(), previous.mode(), previous.order(),
        lastPosition.isPresent() ? lastPosition : previous.after(), page.continuation(), previous.range(),
        previous.pageNumber() + 1);
  }
}
