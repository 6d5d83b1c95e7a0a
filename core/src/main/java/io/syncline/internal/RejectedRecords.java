package io.syncline.internal;

import io.syncline.InvalidRecordException;
import io.syncline.InvalidRecords;
import io.syncline.Resource;
import io.syncline.spi.Page;
import io.syncline.spi.RejectedRecord;
import io.syncline.spi.SourceRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one page set aside: those the source set aside, and those the engine's checks
 * set aside, for a resource with {@link InvalidRecords#SET_ASIDE}. A source that sets records aside
 * for a resource that did not opt in fails the page, as the record itself would have. Not
 * thread-safe (one page of one run). Not API.
 */
final class RejectedRecords {
  private final Resource resource;
  private final long page;
  private final List<RejectedRecord> aside;

  /**
   * Starts with the records the source set aside.
   *
   * @param resource the resource
   * @param page the page number within the run
   * @param fetched the page
   * @throws InvalidRecordException when the source set records aside for a resource that did not
   *     opt in
   */
  RejectedRecords(Resource resource, long page, Page fetched) {
    this.resource = resource;
    this.page = page;
    this.aside = new ArrayList<>(fetched.rejected());
    if (!aside.isEmpty() && resource.invalidRecords() != InvalidRecords.SET_ASIDE) {
      RejectedRecord first = aside.get(0);
      throw new InvalidRecordException(resource.name(), page, first.field(), first.id().orElse(null),
          first.reason() + " (the source set " + aside.size() + " record(s) aside, but the resource's "
              + "invalidRecords is " + resource.invalidRecords() + ")", null);
    }
  }

  /**
   * Sets aside a record of a timestamped resource that has no timestamp, if the resource opts in.
   *
   * @param rec the record
   * @return true when it was set aside, false when the page must fail
   */
  boolean setAsideWithoutTimestamp(SourceRecord rec) {
    if (resource.invalidRecords() != InvalidRecords.SET_ASIDE) {
      return false;
    }
    aside.add(RejectedRecord.of(resource.name(), page, resource.cursorField().orElseThrow(),
        "missing; every record of a timestamped resource needs it", rec.id(), rec.json()));
    return true;
  }

  /** @return the page's records set aside */
  List<RejectedRecord> all() {
    return List.copyOf(aside);
  }
}
