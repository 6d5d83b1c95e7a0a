package io.syncline.micrometer;

import io.micrometer.core.instrument.Timer;
import io.syncline.SyncState;
import io.syncline.spi.Lease;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RecordStore;
import io.syncline.spi.StoredRecord;
import io.syncline.spi.SweepOutcome;
import io.syncline.spi.Visibility;
import io.syncline.spi.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link RecordStore} that times page writes and counts their records; every other call goes
 * straight to the wrapped store. Thread-safe when the wrapped store is.
 */
final class MeteredRecordStore implements RecordStore {
  private final RecordStore delegate;
  private final SynclineMetrics metrics;

  MeteredRecordStore(RecordStore delegate, SynclineMetrics metrics) {
    this.delegate = java.util.Objects.requireNonNull(delegate, "store");
    this.metrics = metrics;
  }

  @Override
  public WriteResult write(PageWrite write) {
    String resource = write.resource().name();
    Timer.Sample sample = Timer.start(metrics.registry());
    WriteResult result = delegate.write(write);
    sample.stop(metrics.timer("syncline.page.writes", metrics.tags(resource), "page writes with their checkpoint"));
    metrics.counter("syncline.records.fetched", resource, "records fetched and committed").increment(write.records().size());
    metrics.counter("syncline.records.inserted", resource, "records inserted").increment(result.inserted());
    metrics.counter("syncline.records.updated", resource, "records updated").increment(result.updated());
    metrics.counter("syncline.records.unchanged", resource, "records fetched again unchanged").increment(result.unchanged());
    metrics.counter("syncline.records.deleted", resource, "records marked deleted").increment(result.deleted());
    if (result.rejected() > 0) {
      metrics.counter("syncline.records.rejected", resource, "records set aside as rejected").increment(result.rejected());
    }
    return result;
  }

  @Override
  public Optional<SyncState> state(String resource) {
    return delegate.state(resource);
  }

  @Override
  public void saveState(SyncState state) {
    delegate.saveState(state);
  }

  @Override
  public Optional<Lease> tryAcquireLease(String resource, String owner, Instant now, Duration duration) {
    return delegate.tryAcquireLease(resource, owner, now, duration);
  }

  @Override
  public Optional<Lease> renewLease(Lease lease, Instant now, Duration duration) {
    return delegate.renewLease(lease, now, duration);
  }

  @Override
  public void releaseLease(Lease lease) {
    delegate.releaseLease(lease);
  }

  @Override
  public Optional<Lease> currentLease(String resource, Instant now) {
    return delegate.currentLease(resource, now);
  }

  @Override
  public long count(String resource, Visibility visibility) {
    return delegate.count(resource, visibility);
  }

  @Override
  public Optional<StoredRecord> find(String resource, String id, Visibility visibility) {
    return delegate.find(resource, id, visibility);
  }

  @Override
  public Stream<StoredRecord> stream(String resource, Visibility visibility) {
    return delegate.stream(resource, visibility);
  }

  @Override
  public void noteSwept(String resource, Collection<String> ids, Instant sweepStart) {
    delegate.noteSwept(resource, ids, sweepStart);
  }

  @Override
  public SweepOutcome finishSweep(String resource, Instant sweepStart, Instant deletedAt, double maxShare) {
    return delegate.finishSweep(resource, sweepStart, deletedAt, maxShare);
  }

  @Override
  public long purgeDeleted(String resource, Instant deletedBefore) {
    return delegate.purgeDeleted(resource, deletedBefore);
  }

  @Override
  public String toString() {
    return "Metered[" + delegate + "]";
  }

  @Override
  public long countRejected(String resource) {
    return delegate.countRejected(resource);
  }

  @Override
  public java.util.List<io.syncline.spi.RejectedRecord> rejected(String resource, int limit) {
    return delegate.rejected(resource, limit);
  }

  @Override
  public long clearRejected(String resource) {
    return delegate.clearRejected(resource);
  }
}
