package io.syncline.testing;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Wraps any {@link RecordStore} and makes one chosen page write fail before it reaches the
 * store, to prove that a failed write moves neither records nor the checkpoint. Thread-safe.
 */
public final class FailingRecordStore implements RecordStore {
  private final RecordStore delegate;
  private final AtomicInteger writes = new AtomicInteger();
  private volatile int failOn = -1;
  private volatile long failPause;
  private volatile boolean failReleases;

  /**
   * Wraps a store.
   *
   * @param delegate the real store
   */
  public FailingRecordStore(RecordStore delegate) {
    this.delegate = delegate;
  }

  /**
   * Makes the n-th write from now on (1-based) fail.
   *
   * @param n which write
   */
  public void failOnWrite(int n) {
    failOnWrite(n, 0);
  }

  /**
   * Makes the n-th write from now on (1-based) fail after a pause, as a write that fails late (a
   * lost connection), giving other threads of the run time to move on meanwhile.
   *
   * @param n which write
   * @param pauseMillis how long the failing write takes
   */
  public void failOnWrite(int n, long pauseMillis) {
    failPause = pauseMillis;
    failOn = writes.get() + n;
  }

  /**
   * Makes every lease release fail, as when the database is down as a run ends, or work again.
   *
   * @param fail true to make releases fail
   */
  public void failLeaseReleases(boolean fail) {
    failReleases = fail;
  }

  @Override
  public WriteResult write(PageWrite write) {
    if (writes.incrementAndGet() == failOn) {
      pause();
      throw new IllegalStateException("injected store failure on write " + failOn + " of "
          + write.resource().name());
    }
    return delegate.write(write);
  }

  private void pause() {
    if (failPause > 0) {
      try {
        Thread.sleep(failPause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
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
    if (failReleases) {
      throw new IllegalStateException("injected store failure releasing the lease of " + lease.resource());
    }
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
