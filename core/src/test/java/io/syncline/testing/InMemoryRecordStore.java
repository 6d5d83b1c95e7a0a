package io.syncline.testing;

import io.syncline.Resource;
import io.syncline.SyncState;
import io.syncline.IdOrder;
import io.syncline.spi.Lease;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RecordStore;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import io.syncline.spi.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A {@link RecordStore} in memory, for tests. Writes are atomic (a page and its state are
 * applied together under one lock, or not at all), and a failure can be injected on a chosen
 * write to prove it. Thread-safe.
 */
public final class InMemoryRecordStore implements RecordStore {
  private final Map<String, TreeMap<String, StoredRecord>> records = new HashMap<>();
  private final Map<String, SyncState> states = new HashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private final AtomicInteger writes = new AtomicInteger();
  private volatile Predicate<PageWrite> failWhen = w -> false;

  /**
   * Makes writes matching the predicate fail with an {@link IllegalStateException}, storing
   * nothing of them.
   *
   * @param predicate which writes fail
   */
  public void failWritesWhen(Predicate<PageWrite> predicate) {
    this.failWhen = predicate;
  }

  /**
   * Makes the n-th write from now on (1-based) fail, storing nothing of it.
   *
   * @param n which write fails
   */
  public void failNthWriteFromNow(int n) {
    AtomicInteger seen = new AtomicInteger();
    this.failWhen = w -> seen.incrementAndGet() == n;
  }

  /** @return the number of successful writes so far */
  public int writeCount() {
    return writes.get();
  }

  @Override
  public synchronized WriteResult write(PageWrite write) {
    if (failWhen.test(write)) {
      throw new IllegalStateException("injected store failure writing " + write.records().size()
          + " records of " + write.resource().name());
    }
    String name = write.resource().name();
    if (write.lease().isPresent()) {
      Lease current = leases.get(name);
      if (current == null || !current.owner().equals(write.lease().get().owner())) {
        throw new io.syncline.LeaseLostException(name, write.lease().get().owner());
      }
    }
    TreeMap<String, StoredRecord> table = records.computeIfAbsent(name, k -> new TreeMap<>(IdOrder.INSTANCE));
    // Apply to a copy first so a failure half-way leaves nothing behind.
    TreeMap<String, StoredRecord> copy = new TreeMap<>(table);
    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    Instant at = write.fetchedAt();
    for (SourceRecord rec : write.records()) {
      StoredRecord old = copy.get(rec.id());
      if (old == null) {
        copy.put(rec.id(), new StoredRecord(name, rec.id(), rec.json(), rec.updatedAt(), at, at));
        inserted++;
        continue;
      }
      boolean older = rec.updatedAt().isPresent() && old.updatedAt().isPresent()
          && rec.updatedAt().get().isBefore(old.updatedAt().get());
      boolean same = rec.json().equals(old.json()) && rec.updatedAt().equals(old.updatedAt());
      if (older || same) {
        copy.put(rec.id(), new StoredRecord(name, rec.id(), old.json(), old.updatedAt(), at, old.syncedAt()));
        unchanged++;
      } else {
        copy.put(rec.id(), new StoredRecord(name, rec.id(), rec.json(), rec.updatedAt(), at, at));
        updated++;
      }
    }
    records.put(name, copy);
    states.put(name, write.state());
    writes.incrementAndGet();
    return new WriteResult(inserted, updated, unchanged);
  }

  @Override
  public synchronized Optional<SyncState> state(String resource) {
    Resource.validateName(resource);
    return Optional.ofNullable(states.get(resource));
  }

  @Override
  public synchronized void saveState(SyncState state) {
    states.put(state.resource(), state);
  }

  @Override
  public synchronized Optional<Lease> tryAcquireLease(String resource, String owner, Instant now, Duration duration) {
    Resource.validateName(resource);
    Lease current = leases.get(resource);
    if (current != null && !current.owner().equals(owner) && current.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    Lease lease = new Lease(resource, owner, now.plus(duration));
    leases.put(resource, lease);
    return Optional.of(lease);
  }

  @Override
  public synchronized Optional<Lease> renewLease(Lease lease, Instant now, Duration duration) {
    Lease current = leases.get(lease.resource());
    if (current == null || !current.owner().equals(lease.owner())) {
      return Optional.empty();
    }
    Lease renewed = new Lease(lease.resource(), lease.owner(), now.plus(duration));
    leases.put(lease.resource(), renewed);
    return Optional.of(renewed);
  }

  @Override
  public synchronized void releaseLease(Lease lease) {
    Lease current = leases.get(lease.resource());
    if (current != null && current.owner().equals(lease.owner())) {
      leases.remove(lease.resource());
    }
  }

  @Override
  public synchronized Optional<Lease> currentLease(String resource, Instant now) {
    Resource.validateName(resource);
    return Optional.ofNullable(leases.get(resource)).filter(l -> l.expiresAt().isAfter(now));
  }

  @Override
  public synchronized long count(String resource) {
    Resource.validateName(resource);
    TreeMap<String, StoredRecord> table = records.get(resource);
    return table == null ? 0 : table.size();
  }

  @Override
  public synchronized Optional<StoredRecord> find(String resource, String id) {
    Resource.validateName(resource);
    TreeMap<String, StoredRecord> table = records.get(resource);
    return table == null ? Optional.empty() : Optional.ofNullable(table.get(id));
  }

  @Override
  public synchronized Stream<StoredRecord> stream(String resource) {
    Resource.validateName(resource);
    TreeMap<String, StoredRecord> table = records.get(resource);
    return table == null ? Stream.empty() : new ArrayList<>(table.values()).stream();
  }

  /**
   * All records of a resource, by id, for assertions.
   *
   * @param resource the resource's name
   * @return a snapshot
   */
  public synchronized List<StoredRecord> all(String resource) {
    TreeMap<String, StoredRecord> table = records.get(resource);
    return table == null ? List.of() : List.copyOf(table.values());
  }
}
