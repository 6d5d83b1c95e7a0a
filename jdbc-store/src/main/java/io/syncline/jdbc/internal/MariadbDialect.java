package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * MariaDB (and MySQL): one multi-row {@code INSERT … VALUES (…), (…) … ON DUPLICATE KEY UPDATE}
 * per batch (at most {@value #ROWS_PER_STATEMENT} rows a statement; measured about 3× faster than
 * a bulk JDBC batch of one-row statements, BENCHMARKS.md part 7) with guarded assignments: a duplicate always takes the new {@code fetched_at}, and takes
 * payload, {@code updated_at} and {@code synced_at} only when it {@link #replaces replaces} the
 * stored row. The counts do not depend on the driver's affected-rows mode
 * ({@code useAffectedRows}): the update clause counts duplicates and replacements in two session
 * variables, read (and reset) with one {@code SELECT} after the batch. Instants are
 * {@code DATETIME(6)} holding UTC.
 */
final class MariadbDialect extends SqlDialect {
  /** Rows per statement: 5 parameters each, far below the protocol's 65,535. */
  static final int ROWS_PER_STATEMENT = 2_000;

  private final String insert;
  private final String update;

  MariadbDialect(String prefix) {
    super(Dialect.MARIADB, prefix);
    String replaces = replaces(recordTable(), "VALUES(x)").replace(recordTable() + ".", "")
        .replace("VALUES(x).updated_at", "VALUES(updated_at)").replace("VALUES(x).payload", "VALUES(payload)");
    // Assignments run left to right on the stored row: the guard reads payload and updated_at
    // before they change, so updated_at comes last.
    this.insert = "INSERT INTO " + recordTable() + " (" + COLUMNS + ") VALUES ";
    this.update = " ON DUPLICATE KEY UPDATE"
        + " fetched_at = IF((@syncline_seen := @syncline_seen + 1) > 0, VALUES(fetched_at), fetched_at),"
        + " synced_at = IF(@syncline_replace := (" + replaces + "), VALUES(synced_at), synced_at),"
        + " payload = IF((@syncline_replaced := @syncline_replaced + @syncline_replace) >= 0"
        + " AND @syncline_replace, VALUES(payload), payload),"
        + " deleted_at = IF(@syncline_replace, NULL, deleted_at),"
        + " updated_at = IF(@syncline_replace, VALUES(updated_at), updated_at)";
  }

  @Override
  protected String distinct(String a, String b) {
    return "NOT (" + a + " <=> " + b + ")";
  }

  @Override
  protected String replaces(String stored, String incoming) {
    // utf8mb4_bin pads with spaces when comparing: the lengths tell trailing blanks apart.
    return super.replaces(stored, incoming).replace(stored + ".payload <> " + incoming + ".payload",
        stored + ".payload <> " + incoming + ".payload OR CHAR_LENGTH(" + stored + ".payload) <> CHAR_LENGTH("
            + incoming + ".payload)");
  }

  @Override
  protected int instantSqlType() {
    return Types.TIMESTAMP;
  }

  @Override
  protected void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    ps.setObject(index, LocalDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
  }

  @Override
  protected Instant getInstant(ResultSet rs, int column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  @Override
  public void beginPage(Handle tx, String resource) {
    tx.execute("SET @syncline_seen = 0, @syncline_replaced = 0, @syncline_replace = 0");
  }

  @Override
  public WriteResult writeBatch(Handle tx, String resource, List<SourceRecord> batch, Instant at) {
    for (int from = 0; from < batch.size(); from += ROWS_PER_STATEMENT) {
      List<SourceRecord> rows = batch.subList(from, Math.min(batch.size(), from + ROWS_PER_STATEMENT));
      StringBuilder sql = new StringBuilder(insert);
      for (int i = 0; i < rows.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("(:resource, :i").append(i).append(", :s").append(i)
            .append(", :p").append(i).append(", :u").append(i).append(", :at, :at)");
      }
      Update statement = bindInstant(tx.createUpdate(sql.append(update).toString()), "at", at).bind("resource", resource);
      for (int i = 0; i < rows.size(); i++) {
        SourceRecord r = rows.get(i);
        statement.bind("i" + i, r.id()).bind("s" + i, IdSortKey.of(r.id())).bind("p" + i, r.json());
        bindInstant(statement, "u" + i, r.updatedAt().orElse(null));
      }
      statement.execute();
    }
    long[] counts = tx.createQuery("SELECT @syncline_seen, @syncline_replaced,"
            + " @syncline_seen := 0, @syncline_replaced := 0")
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
    long existing = counts[0];
    long replaced = counts[1];
    return new WriteResult(batch.size() - existing, replaced, existing - replaced);
  }

  @Override
  public String insertStateIfMissing() {
    return "INSERT INTO " + stateTable() + " (resource, schema_version) VALUES (:resource, :version)"
        + " ON DUPLICATE KEY UPDATE resource = resource";
  }

  @Override
  public void underMigrationLock(Handle handle, Consumer<Handle> migration) {
    // DDL commits implicitly here; a named lock keeps two instances from interleaving steps.
    String lock = "syncline_migrate_" + stateTable();
    Integer got = handle.createQuery("SELECT GET_LOCK(:lock, 60)").bind("lock", lock).mapTo(Integer.class).one();
    if (got == null || got != 1) {
      throw new IllegalStateException("Timed out after 60 s waiting for lock " + lock
          + " held by another instance migrating the same tables");
    }
    try {
      migration.accept(handle);
    } finally {
      handle.createQuery("SELECT RELEASE_LOCK(:lock)").bind("lock", lock).mapTo(Integer.class).one();
    }
  }

  @Override
  public int streamFetchSize(int requested) {
    return Math.min(requested, 10_000);
  }
}
