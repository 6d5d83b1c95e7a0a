package io.syncline.jdbc.internal;

import io.syncline.spi.Deletion;
import io.syncline.spi.SweepOutcome;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The SQL of deletions, standard on every dialect: marking records deleted
 * ({@code deleted_at}), the marks of an id sweep ({@code swept_at}, so that the ids a sweep saw
 * live in the database, not in memory), the sweep's end, and the purge of old marks. Immutable
 * and thread-safe.
 */
public final class DeletionMarks {
  /** The live records an id sweep did not see and that nothing touched since it started. */
  private static final String UNSEEN = " WHERE resource = :resource AND deleted_at IS NULL"
      + " AND (swept_at IS NULL OR swept_at <> :start) AND fetched_at < :start AND synced_at < :start";

  private final String mark;
  private final String swept;
  private final String countLive;
  private final String countUnseen;
  private final String markUnseen;
  private final String purge;

  /** @param sql the store's dialect */
  public DeletionMarks(SqlDialect sql) {
    String t = sql.recordTable();
    this.mark = "UPDATE " + t + " SET deleted_at = :at WHERE resource = :resource AND id_sort = :idSort"
        + " AND id = :id AND deleted_at IS NULL AND (updated_at IS NULL OR updated_at <= :at)";
    this.swept = "UPDATE " + t + " SET swept_at = :start WHERE resource = :resource AND id_sort = :idSort AND id = :id";
    this.countLive = "SELECT COUNT(*) FROM " + t + " WHERE resource = :resource AND deleted_at IS NULL";
    this.countUnseen = "SELECT COUNT(*) FROM " + t + UNSEEN;
    this.markUnseen = "UPDATE " + t + " SET deleted_at = :at" + UNSEEN;
    this.purge = "DELETE FROM " + t + " WHERE resource = :resource AND deleted_at < :before";
  }

  /**
   * Marks records deleted, in the caller's transaction: only live ones whose stored version is
   * not newer than the deletion. Ids not stored are ignored.
   *
   * @param tx a handle inside the page's transaction
   * @param resource the resource
   * @param deletions the deletions
   * @return the records marked
   */
  public long mark(Handle tx, String resource, List<Deletion> deletions) {
    long marked = 0;
    for (Deletion d : deletions) {
      marked += SqlDialect.bindInstant(tx.createUpdate(mark), "at", d.deletedAt()).bind("resource", resource)
          .bind("idSort", IdSortKey.of(d.id())).bind("id", d.id()).execute();
    }
    return marked;
  }

  /**
   * Notes the ids a sweep saw.
   *
   * @param h a handle
   * @param resource the resource
   * @param ids the ids listed
   * @param start the sweep's start
   */
  public void noteSwept(Handle h, String resource, Collection<String> ids, Instant start) {
    if (ids.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch(swept);
    for (String id : ids) {
      SqlDialect.bindInstant(batch, "start", start).bind("resource", resource).bind("idSort", IdSortKey.of(id))
          .bind("id", id).add();
    }
    batch.execute();
  }

  /**
   * Ends a sweep in the caller's transaction: marks the unseen records unless they exceed the share.
   *
   * @param tx a handle inside a transaction
   * @param resource the resource
   * @param start the sweep's start
   * @param deletedAt the deletion time to store
   * @param maxShare the largest share of live records to mark
   * @return what was found and done
   */
  public SweepOutcome finishSweep(Handle tx, String resource, Instant start, Instant deletedAt, double maxShare) {
    long live = tx.createQuery(countLive).bind("resource", resource).mapTo(Long.class).one();
    long unseen = SqlDialect.bindInstant(tx.createQuery(countUnseen), "start", start).bind("resource", resource)
        .mapTo(Long.class).one();
    if (!SweepOutcome.withinShare(live, unseen, maxShare)) {
      return new SweepOutcome(live, unseen, false);
    }
    long marked = unseen == 0 ? 0 : SqlDialect.bindInstant(SqlDialect.bindInstant(tx.createUpdate(markUnseen),
        "start", start), "at", deletedAt).bind("resource", resource).execute();
    return new SweepOutcome(live, Math.min(live, marked), true);
  }

  /**
   * Removes records marked deleted before a time.
   *
   * @param h a handle
   * @param resource the resource
   * @param before the cut-off
   * @return the records removed
   */
  public long purge(Handle h, String resource, Instant before) {
    return SqlDialect.bindInstant(h.createUpdate(purge), "before", before).bind("resource", resource).execute();
  }
}
