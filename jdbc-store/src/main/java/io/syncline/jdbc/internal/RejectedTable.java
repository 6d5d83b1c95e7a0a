package io.syncline.jdbc.internal;

import io.syncline.spi.RejectedRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The SQL of records set aside ({@code <prefix>rejected_record}), standard on every dialect:
 * inserting a page's rejected records in its transaction, counting, reading the oldest, clearing.
 * A record whose text is already kept for the resource (same SHA-256 in {@code payload_hash}) is
 * not stored again, so a bad record re-read by every run (a lookback, a full refresh) is kept once,
 * with the page and time it was first set aside. Ids and field names longer than the columns are
 * cut. Immutable and thread-safe.
 */
public final class RejectedTable {
  /** The longest id and field name kept, in characters. */
  static final int MAX_TEXT = 1000;

  private final SqlDialect sql;
  private final String insert;
  private final String exists;
  private final String count;
  private final String select;
  private final String clear;

  /** @param sql the store's dialect */
  public RejectedTable(SqlDialect sql) {
    this.sql = sql;
    String t = sql.rejectedTable();
    this.insert = "INSERT INTO " + t + " (resource, record_id, page_number, field_name, reason, payload, payload_hash,"
        + " rejected_at) VALUES (:resource, :recordId, :page, :field, :reason, :payload, :hash, :at)";
    this.exists = "SELECT COUNT(*) FROM " + t + " WHERE resource = :resource AND payload_hash = :hash";
    this.count = "SELECT COUNT(*) FROM " + t + " WHERE resource = :resource";
    this.select = "SELECT resource, record_id, page_number, field_name, reason, payload, rejected_at FROM " + t
        + " WHERE resource = :resource ORDER BY rejected_at, seq";
    this.clear = "DELETE FROM " + t + " WHERE resource = :resource";
  }

  /**
   * Inserts records set aside, in the caller's transaction, unless their text is already kept for
   * the resource; those without a time get {@code at}.
   *
   * @param tx a handle inside the page's transaction
   * @param rejected the records
   * @param at the page's fetch time
   * @return how many were inserted (new texts)
   */
  public long insert(Handle tx, List<RejectedRecord> rejected, Instant at) {
    if (rejected.isEmpty()) {
      return 0;
    }
    PreparedBatch batch = tx.prepareBatch(insert);
    Set<String> seen = new HashSet<>();
    int added = 0;
    for (RejectedRecord r : rejected) {
      String hash = sha256(r.payload());
      if (!seen.add(r.resource() + "/" + hash) || tx.createQuery(exists).bind("resource", r.resource())
          .bind("hash", hash).mapTo(Long.class).one() > 0) {
        continue;
      }
      added++;
      SqlDialect.bindInstant(batch, "at", r.rejectedAt().orElse(at))
          .bind("hash", hash)
          .bind("resource", r.resource())
          .bind("recordId", r.id().map(RejectedTable::cut).orElse(null))
          .bind("page", r.page())
          .bind("field", cut(r.field()))
          .bind("reason", r.reason())
          .bind("payload", r.payload())
          .add();
    }
    if (added > 0) {
      batch.execute();
    }
    return added;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
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
