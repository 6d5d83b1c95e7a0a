package io.syncline.examples.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One resource's records, copy-on-write: readers take the current {@link Snapshot} without
 * locking and page through it; a mutation builds new arrays under the table's lock and publishes
 * them at once, so a listing never sees half a mutation. Thread-safe.
 */
final class ResourceTable {

  static final Comparator<Row> BY_UPDATED_THEN_ID =
      Comparator.comparingLong(Row::updatedAt).thenComparingLong(Row::id);

  /**
   * An immutable view of the records.
   *
   * @param byId the records by ascending id
   * @param byUpdated the records by ascending ({@code updated_at}, id); the same array as
   *     {@code byId} for resources without {@code updated_at}
   */
  record Snapshot(Row[] byId, Row[] byUpdated) {}

  /**
   * One page of a listing.
   *
   * @param rows the page's records, in order
   * @param total how many records match the filters
   * @param hasMore whether a later page holds records
   */
  record Listing(List<Row> rows, long total, boolean hasMore) {}

  private final ApiResource resource;
  private final DeletionLog deletions = new DeletionLog();
  private volatile Snapshot snapshot;
  private long nextId;

  ResourceTable(ApiResource resource, List<? extends Entity> entitiesById) {
    this.resource = resource;
    Row[] byId = entitiesById.stream().map(Row::of).toArray(Row[]::new);
    for (int i = 1; i < byId.length; i++) {
      if (byId[i].id() <= byId[i - 1].id()) {
        throw new IllegalArgumentException("records must come in ascending id order");
      }
    }
    this.snapshot = new Snapshot(byId, sortedByUpdated(byId));
    this.nextId = byId.length == 0 ? 1 : byId[byId.length - 1].id() + 1;
  }

  ApiResource resource() {
    return resource;
  }

  /** @return the resource's deletions, as its deletion feed lists them */
  DeletionLog deletions() {
    return deletions;
  }

  Snapshot snapshot() {
    return snapshot;
  }

  // ------------------------------------------------------------------ reads

  /**
   * Computes one page of a listing against the current snapshot.
   *
   * @param q the validated query
   * @return the page, its total and whether more follow
   */
  Listing list(ListingQuery q) {
    Snapshot s = snapshot;
    Row[] base = q.sortByUpdatedAt() ? s.byUpdated : s.byId;
    int from = 0;
    int to = base.length;
    boolean idFilterLeft = q.filtersSinceId();
    boolean updatedFilterLeft = q.filtersUpdatedSince();
    if (q.sortByUpdatedAt()) {
      if (updatedFilterLeft) {
        from = firstUpdatedAtOrAfter(base, q.updatedSince());
        updatedFilterLeft = false;
      }
    } else if (idFilterLeft) {
      from = firstIdAfter(base, q.sinceId());
      idFilterLeft = false;
    }
    long offset;
    try {
      offset = Math.multiplyExact(q.page() - 1, (long) q.perPage());
    } catch (ArithmeticException e) {
      offset = Long.MAX_VALUE;
    }
    boolean scan = idFilterLeft || updatedFilterLeft || q.filtersCreated();
    if (!scan) {
      long total = to - from;
      List<Row> rows = new ArrayList<>(Math.min(q.perPage(), base.length));
      if (offset < total) {
        int start = from + (int) offset;
        int end = (int) Math.min(to, start + (long) q.perPage());
        rows.addAll(Arrays.asList(base).subList(start, end));
      }
      return new Listing(rows, total, offset + rows.size() < total);
    }
    List<Row> rows = new ArrayList<>(Math.min(q.perPage(), 64));
    long matched = 0;
    long end = offset == Long.MAX_VALUE ? Long.MAX_VALUE : offset + q.perPage();
    for (int i = from; i < to; i++) {
      Row r = base[i];
      if (idFilterLeft && r.id() <= q.sinceId()) {
        continue;
      }
      if (updatedFilterLeft && r.updatedAt() < q.updatedSince()) {
        continue;
      }
      if (r.createdAt() < q.createdFrom() || r.createdAt() >= q.createdBefore()) {
        continue;
      }
      if (matched >= offset && matched < end) {
        rows.add(r);
      }
      matched++;
    }
    return new Listing(rows, matched, end < matched);
  }

  private static int firstIdAfter(Row[] byId, long id) {
    int lo = 0;
    int hi = byId.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byId[mid].id() <= id) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int firstUpdatedAtOrAfter(Row[] byUpdated, long millis) {
    int lo = 0;
    int hi = byUpdated.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byUpdated[mid].updatedAt() < millis) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  Optional<Entity> find(long id) {
    Row[] byId = snapshot.byId;
    int i = firstIdAfter(byId, id - 1);
    return i < byId.length && byId[i].id() == id ? Optional.of(byId[i].entity()) : Optional.empty();
  }

  int size() {
    return snapshot.byId.length;
  }

  // ------------------------------------------------------------------ writes

  /**
   * Picks distinct random ids.
   *
   * @param count how many; fewer when the table is smaller
   * @param random the random source
   * @return the ids in ascending order
   */
  synchronized long[] pickRandom(int count, SplittableRandom random) {
    Row[] byId = snapshot.byId;
    int n = Math.min(count, byId.length);
    Set<Integer> picked = new HashSet<>();
    while (picked.size() < n) {
      picked.add(random.nextInt(byId.length));
    }
    return picked.stream().mapToInt(Integer::intValue).sorted().mapToLong(i -> byId[i].id()).toArray();
  }

  synchronized long allocateId() {
    return nextId++;
  }

  /**
   * Replaces existing records by new versions with the same ids.
   *
   * @param changed the new versions
   */
  synchronized void replace(List<? extends Entity> changed) {
    Snapshot s = snapshot;
    Row[] byId = s.byId.clone();
    Set<Long> ids = new HashSet<>();
    List<Row> fresh = new ArrayList<>(changed.size());
    for (Entity e : changed) {
      int i = firstIdAfter(byId, e.id() - 1);
      if (i >= byId.length || byId[i].id() != e.id()) {
        throw new IllegalArgumentException(resource.path() + " has no record with id " + e.id());
      }
      if (!ids.add(e.id())) {
        throw new IllegalArgumentException("record " + e.id() + " changed twice in one mutation");
      }
      Row r = Row.of(e);
      byId[i] = r;
      fresh.add(r);
    }
    publish(byId, s.byUpdated, ids, fresh);
  }

  /**
   * Adds new records; their ids must come from {@link #allocateId()}.
   *
   * @param created the records, ids ascending
   */
  synchronized void append(List<? extends Entity> created) {
    Snapshot s = snapshot;
    Row[] byId = Arrays.copyOf(s.byId, s.byId.length + created.size());
    List<Row> fresh = new ArrayList<>(created.size());
    long last = s.byId.length == 0 ? 0 : s.byId[s.byId.length - 1].id();
    for (int k = 0; k < created.size(); k++) {
      Row r = Row.of(created.get(k));
      if (r.id() <= last) {
        throw new IllegalArgumentException("new ids must be larger than existing ones: " + r.id());
      }
      last = r.id();
      byId[s.byId.length + k] = r;
      fresh.add(r);
    }
    publish(byId, s.byUpdated, Set.of(), fresh);
  }

  /**
   * Deletes a record and logs the deletion.
   *
   * @param id its id
   * @param deletedAt when, epoch millis
   * @return true when it existed
   */
  synchronized boolean delete(long id, long deletedAt) {
    Snapshot s = snapshot;
    int i = firstIdAfter(s.byId, id - 1);
    if (i >= s.byId.length || s.byId[i].id() != id) {
      return false;
    }
    Row[] byId = new Row[s.byId.length - 1];
    System.arraycopy(s.byId, 0, byId, 0, i);
    System.arraycopy(s.byId, i + 1, byId, i, byId.length - i);
    publish(byId, s.byUpdated, Set.of(id), List.of());
    deletions.add(id, Math.max(deletedAt, s.byId[i].updatedAt()));
    return true;
  }

  /** Publishes a new snapshot: the old updated_at order without {@code removed}, merged with {@code added}. */
  private void publish(Row[] byId, Row[] oldByUpdated, Set<Long> removed, List<Row> added) {
    if (!resource.timestamped()) {
      snapshot = new Snapshot(byId, byId);
      return;
    }
    Row[] add = added.toArray(Row[]::new);
    Arrays.sort(add, BY_UPDATED_THEN_ID);
    Row[] merged = new Row[byId.length];
    int a = 0;
    int m = 0;
    for (Row r : oldByUpdated) {
      if (removed.contains(r.id())) {
        continue;
      }
      while (a < add.length && BY_UPDATED_THEN_ID.compare(add[a], r) < 0) {
        merged[m++] = add[a++];
      }
      merged[m++] = r;
    }
    while (a < add.length) {
      merged[m++] = add[a++];
    }
    if (m != merged.length) {
      throw new IllegalStateException("index out of step: " + m + " rows by updated_at, " + merged.length + " by id");
    }
    snapshot = new Snapshot(byId, merged);
  }

  private Row[] sortedByUpdated(Row[] byId) {
    if (!resource.timestamped()) {
      return byId;
    }
    Row[] copy = byId.clone();
    Arrays.sort(copy, BY_UPDATED_THEN_ID);
    return copy;
  }
}
