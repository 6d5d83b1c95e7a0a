package io.syncline.testing;

import io.syncline.Resource;
import io.syncline.SyncState;
import io.syncline.IdOrder;
import io.syncline.spi.Deletion;
import io.syncline.spi.Lease;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RecordStore;
import io.syncline.spi.RejectedRecord;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import io.syncline.spi.SweepOutcome;
import io.syncline.spi.Visibility;
import io.syncline.spi.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
  private final Map<String, Map<String, Instant>> swept = new HashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private final Map<String, List<RejectedRecord>> rejected = new HashMap<>();
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
    java.util.Set<String> deletedOnThisPage = new java.util.HashSet<>();
    write.deletions().forEach(d -> deletedOnThisPage.add(d.id()));
    for (SourceRecord rec : write.records()) {
      StoredRecord old = copy.get(rec.id());
      if (old == null) {
        copy.put(rec.id(), new StoredRecord(name, rec.id(), rec.json(), rec.updatedAt(), at, at));
        inserted++;
        continue;
      }
      boolean older = rec.updatedAt().isPresent() && old.updatedAt().isPresent()
          && rec.updatedAt().get().isBefore(old.updatedAt().get());
      // A deleted row is live again when read, unless this page marks that same version deleted.
      boolean same = rec.json().equals(old.json()) && rec.updatedAt().equals(old.updatedAt())
          && (!old.deleted() || deletedOnThisPage.contains(rec.id()));
      if (older || same) {
        copy.put(rec.id(), new StoredRecord(name, rec.id(), old.json(), old.updatedAt(), at, old.syncedAt(),
            old.deletedAt()));
        unchanged++;
      } else {
        copy.put(rec.id(), new StoredRecord(name, rec.id(), rec.json(), rec.updatedAt(), at, at));
        updated++;
      }
    }
    long deleted = 0;
    for (Deletion d : write.deletions()) {
      StoredRecord old = copy.get(d.id());
      if (old != null && !old.deleted() && old.updatedAt().map(u -> !u.isAfter(d.deletedAt())).orElse(true)) {
        copy.put(d.id(), deleted(old, d.deletedAt()));
        deleted++;
      }
    }
    records.put(name, copy);
    states.put(name, write.state());
    List<RejectedRecord> aside = rejected.computeIfAbsent(name, k -> new ArrayList<>());
    for (RejectedRecord r : write.rejected()) {
      if (aside.stream().noneMatch(kept -> kept.payload().equals(r.payload()))) {
        aside.add(r.rejectedAt().isPresent() ? r : r.at(at));
      }
    }
    writes.incrementAndGet();
    return new WriteResult(inserted, updated, unchanged, deleted, write.rejected().size());
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
  public synchronized long count(String resource, Visibility visibility) {
    Resource.validateName(resource);
    return visible(resource, visibility).size();
  }

  @Override
  public synchronized Optional<StoredRecord> find(String resource, String id, Visibility visibility) {
    Resource.validateName(resource);
    TreeMap<String, StoredRecord> table = records.get(resource);
    return Optional.ofNullable(table == null ? null : table.get(id))
        .filter(r -> visibility == Visibility.ALL || !r.deleted());
  }

  @Override
  public synchronized Stream<StoredRecord> stream(String resource, Visibility visibility) {
    Resource.validateName(resource);
    return visible(resource, visibility).stream();
  }

  @Override
  public synchronized void noteSwept(String resource, Collection<String> ids, Instant sweepStart) {
    Resource.validateName(resource);
    Map<String, Instant> marks = swept.computeIfAbsent(resource, k -> new HashMap<>());
    TreeMap<String, StoredRecord> table = records.getOrDefault(resource, new TreeMap<>());
    for (String id : ids) {
      if (table.containsKey(id)) {
        marks.put(id, sweepStart);
      }
    }
  }

  @Override
  public synchronized SweepOutcome finishSweep(String resource, Instant sweepStart, Instant deletedAt,
      double maxShare) {
    Resource.validateName(resource);
    List<StoredRecord> live = visible(resource, Visibility.LIVE);
    Map<String, Instant> marks = swept.getOrDefault(resource, Map.of());
    List<StoredRecord> unseen = live.stream()
        .filter(r -> !sweepStart.equals(marks.get(r.id())))
        .filter(r -> r.fetchedAt().isBefore(sweepStart) && r.syncedAt().isBefore(sweepStart))
        .toList();
    if (!SweepOutcome.withinShare(live.size(), unseen.size(), maxShare)) {
      return new SweepOutcome(live.size(), unseen.size(), false);
    }
    TreeMap<String, StoredRecord> table = records.get(resource);
    for (StoredRecord r : unseen) {
      table.put(r.id(), deleted(r, deletedAt));
    }
    return new SweepOutcome(live.size(), unseen.size(), true);
  }

  @Override
  public synchronized long purgeDeleted(String resource, Instant deletedBefore) {
    Resource.validateName(resource);
    TreeMap<String, StoredRecord> table = records.get(resource);
    if (table == null) {
      return 0;
    }
    List<String> gone = table.values().stream()
        .filter(r -> r.deletedAt().map(d -> d.isBefore(deletedBefore)).orElse(false))
        .map(StoredRecord::id).toList();
    gone.forEach(table::remove);
    return gone.size();
  }

  @Override
  public synchronized long countRejected(String resource) {
    Resource.validateName(resource);
    return rejected.getOrDefault(resource, List.of()).size();
  }

  @Override
  public synchronized List<RejectedRecord> rejected(String resource, int limit) {
    Resource.validateName(resource);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more: " + limit);
    }
    return rejected.getOrDefault(resource, List.of()).stream()
        .sorted(java.util.Comparator.comparing(r -> r.rejectedAt().orElseThrow()))
        .limit(limit).toList();
  }

  @Override
  public synchronized long clearRejected(String resource) {
    Resource.validateName(resource);
    List<RejectedRecord> gone = rejected.remove(resource);
    return gone == null ? 0 : gone.size();
  }

  private List<StoredRecord> visible(String resource, Visibility visibility) {
    TreeMap<String, StoredRecord> table = records.get(resource);
    return table == null ? List.of()
        : table.values().stream().filter(r -> visibility == Visibility.ALL || !r.deleted()).toList();
  }

  private static StoredRecord deleted(StoredRecord r, Instant at) {
    return new StoredRecord(r.resource(), r.id(), r.json(), r.updatedAt(), r.fetchedAt(), r.syncedAt(),
        Optional.of(at));
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
