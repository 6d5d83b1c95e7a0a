package io.syncline.examples.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The deletions of one resource, as its deletion feed ({@code GET /v1/orders/deleted}) lists
 * them: ids with their deletion time, by deletion time then id. Copy-on-write: readers page through
 * an immutable array without locking. Thread-safe.
 */
final class DeletionLog {
  /** One deletion. */
  record Entry(long id, long deletedAt) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparingLong(Entry::deletedAt).thenComparingLong(Entry::id);

  private volatile Entry[] entries = new Entry[0];

  /**
   * Records a deletion.
   *
   * @param id the deleted record's id
   * @param deletedAt when, epoch millis
   */
  synchronized void add(long id, long deletedAt) {
    Entry[] next = Arrays.copyOf(entries, entries.length + 1);
    next[next.length - 1] = new Entry(id, deletedAt);
    Arrays.sort(next, ORDER);
    entries = next;
  }

  /** @return how many deletions were recorded */
  int size() {
    return entries.length;
  }

  /**
   * Renders one page of the feed as the contract's listing body.
   *
   * @param q the query (page, per_page, updated_since on the deletion time)
   * @return the body
   */
  byte[] render(ListingQuery q) {
    Entry[] all = entries;
    List<Entry> matching = new ArrayList<>();
    for (Entry e : all) {
      if (!q.filtersUpdatedSince() || e.deletedAt() >= q.updatedSince()) {
        matching.add(e);
      }
    }
    long offset = (q.page() - 1) * (long) q.perPage();
    int from = (int) Math.min(offset, matching.size());
    int to = (int) Math.min(matching.size(), from + (long) q.perPage());
    StringBuilder out = new StringBuilder("{\"data\":[");
    for (int i = from; i < to; i++) {
      Entry e = matching.get(i);
      out.append(i > from ? "," : "").append("{\"id\":").append(e.id()).append(",\"deleted_at\":\"")
          .append(Json.timestamp(e.deletedAt())).append("\"}");
    }
    out.append("],\"meta\":{\"page\":").append(q.page()).append(",\"per_page\":").append(q.perPage())
        .append(",\"total\":").append(matching.size()).append(",\"has_more\":").append(to < matching.size())
        .append("}}");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
