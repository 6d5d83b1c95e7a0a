package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * H2 2.x: the batch travels as arrays read by {@code TABLE(…)}, joined to the primary key. Per
 * batch: one {@code INSERT … SELECT … WHERE NOT EXISTS} (its count is the inserted rows) and, only
 * when some ids were stored already, one {@code MERGE} that replaces a row ({@code WHEN MATCHED AND
 * <replaces>}) or else moves its {@code fetched_at}, read through {@code NEW TABLE (…)} to count the
 * replaced rows (the rows just inserted equal their source and match neither clause). A backfill's
 * pages of new ids cost one statement, mixed pages two.
 *
 * <p>A page first locks its resource's state row ({@code SELECT … FOR UPDATE}), which every page
 * write updates: page writes of one resource run one after the other on H2, and each statement
 * sees the previous page's commit. That is what keeps concurrent writers from regressing a row:
 * H2's {@code MERGE} evaluates its {@code WHEN MATCHED AND …} guard on the row version it read and
 * does not evaluate it again after waiting for another writer's row lock, and row locks alone let
 * an older version through now and then ({@code WritePathTest}). With the resource serialised, a
 * lock on the batch's rows would only cost a third lookup per record, so there is none.
 */
final class H2Dialect extends SqlDialect {
  private static final String SOURCE = "TABLE(id VARCHAR = :ids, id_sort VARCHAR = :sorts,"
      + " payload CHARACTER VARYING = :payloads, updated_at TIMESTAMP(6) WITH TIME ZONE = :updated) s";

  private final String lockResource;
  private final String insert;
  private final String updateOrTouch;

  H2Dialect(String prefix) {
    super(Dialect.H2, prefix);
    String t = recordTable();
    this.lockResource = "SELECT resource FROM " + stateTable() + " WHERE resource = :resource FOR UPDATE";
    this.insert = "INSERT INTO " + t + " (" + COLUMNS + ") SELECT :resource, s.id, s.id_sort, s.payload,"
        + " s.updated_at, :at, :at FROM " + SOURCE
        + " WHERE NOT EXISTS (SELECT 1 FROM " + t + " r WHERE r.resource = :resource AND r.id_sort = s.id_sort"
        + " AND r.id = s.id)";
    // One pass over the stored ids: replace, or else move fetched_at. The rows it changed come back
    // (NEW TABLE); the replaced ones are those now synced at :at. A row synced at :at before (only
    // when the clock went back) is left alone rather than counted as replaced.
    this.updateOrTouch = "SELECT COUNT(*) FROM NEW TABLE (MERGE INTO " + t + " r USING " + SOURCE
        + " ON r.resource = :resource AND r.id_sort = s.id_sort AND r.id = s.id"
        + " WHEN MATCHED AND " + replaces("r", "s") + " THEN UPDATE SET payload = s.payload,"
        + " updated_at = s.updated_at, fetched_at = :at, synced_at = :at, deleted_at = NULL"
        + " WHEN MATCHED AND r.fetched_at <> :at AND r.synced_at <> :at THEN UPDATE SET fetched_at = :at)"
        + " WHERE synced_at = :at";
  }

  @Override
  public void beginPage(Handle tx, String resource) {
    // The state row must exist to be locked: on a resource's first pages two writers would
    // otherwise both find nothing to lock and run side by side (a second writer inserting it
    // meanwhile fails with a duplicate key, and its page is written again).
    if (tx.createQuery(lockResource).bind("resource", resource).mapTo(String.class).list().isEmpty()) {
      tx.createUpdate(insertStateIfMissing()).bind("resource", resource).bind("version", Migrations.latest())
          .execute();
      tx.createQuery(lockResource).bind("resource", resource).mapTo(String.class).list();
    }
  }

  @Override
  public WriteResult writeBatch(Handle tx, String resource, List<SourceRecord> batch, Instant at) {
    int n = batch.size();
    Object[] ids = new Object[n];
    Object[] sorts = new Object[n];
    Object[] payloads = new Object[n];
    Object[] updated = new Object[n];
    for (int i = 0; i < n; i++) {
      SourceRecord r = batch.get(i);
      ids[i] = r.id();
      sorts[i] = IdSortKey.of(r.id());
      payloads[i] = r.json();
      updated[i] = r.updatedAt().map(u -> OffsetDateTime.ofInstant(stored(u), ZoneOffset.UTC)).orElse(null);
    }
    int insertedRows = bindSource(tx.createUpdate(insert), resource, at, ids, sorts, payloads, updated).execute();
    int updatedRows = insertedRows == n ? 0
        : bindSource(tx.createQuery(updateOrTouch), resource, at, ids, sorts, payloads, updated)
            .mapTo(Integer.class).one();
    return new WriteResult(insertedRows, updatedRows, n - insertedRows - updatedRows);
  }

  private static <S extends SqlStatement<S>> S bindSource(S statement, String resource, Instant at,
      Object[] ids, Object[] sorts, Object[] payloads, Object[] updated) {
    return bindInstant(statement, "at", at).bind("resource", resource).bind("ids", array(ids))
        .bind("sorts", array(sorts)).bind("payloads", array(payloads)).bind("updated", array(updated));
  }

  @Override
  public String insertStateIfMissing() {
    return "MERGE INTO " + stateTable() + " t USING (VALUES (CAST(:resource AS VARCHAR(63)),"
        + " CAST(:version AS INT))) s (resource, schema_version) ON t.resource = s.resource"
        + " WHEN NOT MATCHED THEN INSERT (resource, schema_version) VALUES (s.resource, s.schema_version)";
  }

  private volatile String primaryKeyIndex;

  @Override
  public String streamSource(Handle handle) {
    // The primary key (resource, id_sort, id) reads a resource in order, lazily; on a database with
    // another index (before version 7, (resource, updated_at)) H2 picked that one and sorted the
    // whole resource. H2 names the key's index itself: looked up once.
    String index = primaryKeyIndex;
    if (index == null) {
      index = handle.createQuery("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = SCHEMA()"
              + " AND UPPER(TABLE_NAME) = UPPER(:table) AND INDEX_TYPE_NAME = 'PRIMARY KEY'")
          .bind("table", recordTable()).mapTo(String.class).findOne().orElse("");
      primaryKeyIndex = index;
    }
    return index.isEmpty() ? recordTable() : recordTable() + " USE INDEX (\"" + index.replace("\"", "") + "\")";
  }

  @Override
  public void beginStream(Handle handle) {
    // Without it H2 computes the whole result before the first row (in memory up to its row
    // limit): lazily, rows come off the (resource, id_sort, id) index as they are read.
    handle.execute("SET LAZY_QUERY_EXECUTION TRUE");
  }

  @Override
  public void endStream(Handle handle) {
    super.endStream(handle);
    handle.execute("SET LAZY_QUERY_EXECUTION FALSE"); // the connection may go back to a pool
  }
}
