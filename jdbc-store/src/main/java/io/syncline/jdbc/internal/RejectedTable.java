package io.syncline.jdbc.internal;

import io.syncline.spi.RejectedRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The SQL of records set aside ({@code <prefix>rejected_record}), standard on every dialect:
 * inserting a page's rejected records in its transaction, counting, reading the oldest, clearing.
 * Ids and field names longer than the columns are cut. Immutable and thread-safe.
 */
public final class RejectedTable {
  /** The longest id and field name kept, in characters. */
  static final int MAX_TEXT = 1000;

  private final SqlDialect sql;
  private final String insert;
  private final String count;
  private final String select;
  private final String clear;

  /** @param sql the store's dialect */
  public RejectedTable(SqlDialect sql) {
    this.sql = sql;
    String t = sql.rejectedTable();
    this.insert = "INSERT INTO " + t + " (resource, record_id, page_number, field_name, reason, payload, rejected_at)"
        + " VALUES (:resource, :recordId, :page, :field, :reason, :payload, :at)";
    this.count = "SELECT COUNT(*) FROM " + t + " WHERE resource = :resource";
    this.select = "SELECT resource, record_id, page_number, field_name, reason, payload, rejected_at FROM " + t
        + " WHERE resource = :resource ORDER BY rejected_at, seq";
    this.clear = "DELETE FROM " + t + " WHERE resource = :resource";
  }

  /**
   * Inserts records set aside, in the caller's transaction; those without a time get {@code at}.
   *
   * @param tx a handle inside the page's transaction
   * @param rejected the records
   * @param at the page's fetch time
   * @return how many were inserted
   */
  public long insert(Handle tx, List<RejectedRecord> rejected, Instant at) {
    if (rejected.isEmpty()) {
      return 0;
    }
    PreparedBatch batch = tx.prepareBatch(insert);
    for (RejectedRecord r : rejected) {
      SqlDialect.bindInstant(batch, "at", r.rejectedAt().orElse(at))
          .bind("resource", r.resource())
          .bind("recordId", r.id().map(RejectedTable::cut).orElse(null))
          .bind("page", r.page())
          .bind("field", cut(r.field()))
          .bind("reason", r.reason())
          .bind("payload", r.payload())
          .add();
    }
    batch.execute();
    return rejected.size();
  }

  /**
   * Counts a resource's rejected records.
   *
   * @param h a handle
   * @param resource the resource
   * @return the count
   */
  public long count(Handle h, String resource) {
    return h.createQuery(count).bind("resource", resource).mapTo(Long.class).one();
  }

  /**
   * Reads a resource's oldest rejected records.
   *
   * @param h a handle
   * @param resource the resource
   * @param limit the most rows read
   * @return the records
   */
  public List<RejectedRecord> read(Handle h, String resource, int limit) {
    return h.createQuery(select).bind("resource", resource).setMaxRows(limit)
        .map((rs, ctx) -> new RejectedRecord(rs.getString("resource"), rs.getLong("page_number"),
            rs.getString("field_name"), rs.getString("reason"), Optional.ofNullable(rs.getString("record_id")),
            rs.getString("payload"), Optional.of(sql.instant(rs, "rejected_at"))))
        .list();
  }

  /**
   * Removes a resource's rejected records.
   *
   * @param h a handle
   * @param resource the resource
   * @return how many were removed
   */
  public long clear(Handle h, String resource) {
    return h.createUpdate(clear).bind("resource", resource).execute();
  }

  private static String cut(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
  }
}
