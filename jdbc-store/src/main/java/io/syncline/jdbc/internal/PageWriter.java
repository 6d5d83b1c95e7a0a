package io.syncline.jdbc.internal;

import io.syncline.spi.Deletion;
import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Writes a page's records inside the caller's transaction, in batches handed to the dialect's
 * set-based {@link SqlDialect#writeBatch}. A batch holds each id once, sorted by id (every
 * writer then locks rows in the same order); an id repeated within a page goes to a later batch,
 * so the page has the effect of writing its records one after another. Stateless and thread-safe.
 */
public final class PageWriter {
  private static final Comparator<SourceRecord> BY_ID = Comparator.comparing(SourceRecord::id);

  private final SqlDialect sql;
  private final int batchSize;
  private final String storedDeleted;

  /**
   * @param sql the store's dialect
   * @param batchSize records per batch
   */
  public PageWriter(SqlDialect sql, int batchSize) {
    this.sql = sql;
    this.batchSize = batchSize;
    this.storedDeleted = "SELECT payload, updated_at FROM " + sql.recordTable()
        + " WHERE resource = :resource AND id_sort = :idSort AND id = :id AND deleted_at IS NOT NULL";
  }

  /**
   * Writes the records of a page; the caller commits or rolls back.
   *
   * @param tx a handle inside a transaction
   * @param write the page
   * @return the counts
   */
  public WriteResult write(Handle tx, PageWrite write) {
    String resource = write.resource().name();
    Instant at = write.fetchedAt();
    List<SourceRecord> records = write.records();
    WriteResult total = WriteResult.EMPTY;
    if (!write.deletions().isEmpty()) {
      List<SourceRecord> live = withoutStoredDeletedVersions(tx, resource, records, write.deletions());
      total = total.plus(new WriteResult(0, 0, records.size() - live.size()));
      records = live;
    }
    for (int from = 0; from < records.size(); from += batchSize) {
      List<SourceRecord> slice = records.subList(from, Math.min(records.size(), from + batchSize));
      for (List<SourceRecord> round : rounds(slice)) {
        round.sort(BY_ID);
        total = total.plus(sql.writeBatch(tx, resource, round, at));
      }
    }
    return total;
  }

  /**
   * The records less those the page also marks deleted (a soft-delete field) whose stored row is
   * that same version, already marked: rewriting it would make it live for the moment between the
   * write and the mark, and count it updated and deleted on every re-read.
   */
  private List<SourceRecord> withoutStoredDeletedVersions(Handle tx, String resource, List<SourceRecord> records,
      List<Deletion> deletions) {
    Set<String> deleted = new HashSet<>();
    for (Deletion d : deletions) {
      deleted.add(d.id());
    }
    List<SourceRecord> kept = new ArrayList<>(records.size());
    for (SourceRecord r : records) {
      if (!deleted.contains(r.id()) || !storedDeletedAs(tx, resource, r)) {
        kept.add(r);
      }
    }
    return kept;
  }

  private boolean storedDeletedAs(Handle tx, String resource, SourceRecord r) {
    return tx.createQuery(storedDeleted).bind("resource", resource).bind("idSort", IdSortKey.of(r.id()))
        .bind("id", r.id())
        .map((rs, ctx) -> r.json().equals(rs.getString("payload"))
            && Objects.equals(r.updatedAt().map(SqlDialect::stored).orElse(null), sql.instant(rs, "updated_at")))
        .findOne().orElse(false);
  }

  /** Splits records into lists of distinct ids: the k-th occurrence of an id goes to list k. */
  private static List<List<SourceRecord>> rounds(List<SourceRecord> slice) {
    List<List<SourceRecord>> rounds = new ArrayList<>();
    rounds.add(new ArrayList<>(slice.size()));
    Map<String, Integer> seen = new HashMap<>(slice.size() * 2);
    for (SourceRecord r : slice) {
      int k = seen.merge(r.id(), 1, Integer::sum) - 1;
      if (k == rounds.size()) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(k).add(r);
    }
    return rounds;
  }
}
