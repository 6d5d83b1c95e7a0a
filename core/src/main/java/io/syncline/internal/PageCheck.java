package io.syncline.internal;

import io.syncline.Cursor;
import io.syncline.InvalidRecordException;
import io.syncline.Resource;
import io.syncline.SyncStrategy;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.SourceRecord;
import java.util.ArrayList;
import java.util.List;

/** Validates a fetched page before anything of it is stored. Stateless. */
final class PageCheck {

  private PageCheck() {}

  /**
   * Validates a page and drops records at or before the requested position (overlap a source
   * may return with inclusive filters). Bad input fails the page before anything is stored.
   *
   * @param r the resource
   * @param request the page's request
   * @param page the page
   * @param aside where a record without its timestamp goes when the resource sets invalid records
   *     aside ({@link io.syncline.InvalidRecords#SET_ASIDE})
   * @return the records to store, in the page's order
   * @throws InvalidRecordException naming resource, page, field and record when a timestamped
   *     resource's record has no timestamp (and the resource does not set it aside), or a sorted
   *     page is out of the requested order
   */
  static List<SourceRecord> kept(Resource r, PageRequest request, Page page, RejectedRecords aside) {
    long pageNo = request.pageNumber();
    boolean timestamped = r.strategy() == SyncStrategy.TIMESTAMP_THEN_ID;
    List<SourceRecord> kept = new ArrayList<>(page.records().size());
    Cursor previous = null;
    for (SourceRecord rec : page.records()) {
      if (timestamped && rec.updatedAt().isEmpty() && aside.setAsideWithoutTimestamp(rec)) {
        continue;
      }
      if (timestamped && rec.updatedAt().isEmpty()) {
        throw new InvalidRecordException(r.name(), pageNo, r.cursorField().orElseThrow(), rec.id(),
            "missing or null; every record of a timestamped resource needs it", null);
      }
      Cursor c = cursorOf(request.order(), rec);
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
    return kept;
  }

  /**
   * A record's position in a listing of the given order.
   *
   * @param order the listing's order
   * @param rec the record, with its timestamp when the order is by timestamp
   * @return the position
   */
  static Cursor cursorOf(PageRequest.Order order, SourceRecord rec) {
    if (order == PageRequest.Order.ID) {
      return new Cursor.IdOnly(rec.id());
    }
    return Cursor.Timestamped.after(rec.updatedAt().orElseThrow(), rec.id());
  }
}
