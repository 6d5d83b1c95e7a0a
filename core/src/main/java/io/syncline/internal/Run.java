package io.syncline.internal;

import io.syncline.Progress;
import io.syncline.Resource;
import io.syncline.SyncEvent;
import io.syncline.SyncException;
import io.syncline.SyncMode;
import io.syncline.SyncStoppedException;
import io.syncline.Traffic;
import io.syncline.spi.Lease;
import io.syncline.spi.Page;
import io.syncline.spi.RecordStore;
import io.syncline.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One run of one resource: its lease, counters and progress events. Owned by the thread that runs
 * it; not thread-safe.
 */
final class Run {

  private final Resource resource;
  private final SyncMode mode;
  private final Instant startedAt;
  private final long startNanos = System.nanoTime();
  private final RecordStore store;
  private final Clock clock;
  private final Duration leaseDuration;
  private final BooleanSupplier stopped;
  private final Consumer<SyncEvent> events;
  private Lease lease;
  private Instant lastRenewal;
  private long pages;
  private long fetched;
  private long progressBase;
  private WriteResult written = WriteResult.EMPTY;
  private long currentPage;
  private OptionalLong total = OptionalLong.empty();
  private Traffic traffic = Traffic.NONE;
  private Traffic pageTraffic = Traffic.NONE;
  private boolean feedDone;

  Run(Resource resource, SyncMode mode, Lease lease, RecordStore store, Clock clock, Duration leaseDuration,
      BooleanSupplier stopped, Consumer<SyncEvent> events) {
    this.resource = resource;
    this.mode = mode;
    this.lease = lease;
    this.store = store;
    this.clock = clock;
    this.leaseDuration = leaseDuration;
    this.stopped = stopped;
    this.events = events;
    this.startedAt = clock.instant();
    this.lastRenewal = startedAt;
  }

  Resource resource() {
    return resource;
  }

  String name() {
    return resource.name();
  }

  SyncMode mode() {
    return mode;
  }

  Instant startedAt() {
    return startedAt;
  }

  Lease lease() {
    return lease;
  }

  long pages() {
    return pages;
  }

  long fetched() {
    return fetched;
  }

  WriteResult written() {
    return written;
  }

  long currentPage() {
    return currentPage;
  }

  Traffic traffic() {
    return traffic;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  boolean feedDone() {
    return feedDone;
  }

  void feedRead() {
    feedDone = true;
  }

  /** @param page the page being fetched or written now, for messages */
  void atPage(long page) {
    currentPage = page;
  }

  /** @param records records a resumed backfill had committed before this run, for progress */
  void resumeProgressAt(long records) {
    progressBase = records;
  }

  /** Counts a fetched page's records and traffic. */
  void fetched(Page page) {
    fetched += page.records().size() + page.rejected().size();
    pageTraffic = page.traffic();
    traffic = traffic.plus(page.traffic());
  }

  /** Counts a committed page and publishes the progress. */
  void committed(int records, WriteResult w, OptionalLong pageTotal) {
    pages++;
    written = written.plus(w);
    if (pageTotal.isPresent() && total.isEmpty()) {
      total = OptionalLong.of(progressBase + pageTotal.getAsLong());
    }
    progressBase += records;
    events.accept(new SyncEvent.PageCommitted(new Progress(name(), mode, pages, progressBase, elapsed(), total,
        traffic, pageTraffic)));
  }

  /** Adds what a deletion pass did. */
  void absorb(DeletionPasses.Tally t) {
    pages += t.pages();
    fetched += t.fetched();
    written = written.plus(t.written());
    traffic = traffic.plus(t.traffic());
  }

  /**
   * Between two committed pages: renews the lease when a third of it has passed, then throws when
   * the engine was stopped or the thread interrupted.
   */
  void betweenPages() {
    renewLeaseIfDue();
    if (stopped.getAsBoolean()) {
      throw new SyncStoppedException(name(), currentPage);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new SyncException(name(), currentPage, "interrupted after committing page "
          + currentPage + "; committed pages are kept, run the sync again to continue", null);
    }
  }

  private void renewLeaseIfDue() {
    Instant now = clock.instant();
    if (Duration.between(lastRenewal, now).compareTo(leaseDuration.dividedBy(3)) < 0) {
      return;
    }
    var renewed = store.renewLease(lease, now, leaseDuration);
    if (renewed.isEmpty()) {
      throw new SyncException(name(), currentPage, "lost the resource's lease (it expired and another "
          + "instance took it over); committed pages are kept. Raise leaseDuration if pages take longer than "
          + leaseDuration, null);
    }
    lease = renewed.get();
    lastRenewal = now;
  }
}
