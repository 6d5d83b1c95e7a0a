package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * SQLite 3.35+: the batch travels as one multi-row {@code VALUES} list (at most
 * {@value #ROWS_PER_STATEMENT} rows per statement, well under SQLite's 32,766 parameters), used by
 * three set-based statements whose change counts are the write's counts: {@code INSERT … SELECT …
 * ON CONFLICT DO NOTHING} (inserted), {@code UPDATE … FROM (VALUES …) WHERE <replaces>} (updated),
 * and, only when some were neither, {@code UPDATE … FROM (VALUES …)} of {@code fetched_at}.
 * Instants are fixed-width ISO text in UTC, which compares in time order.
 */
final class SqliteDialect extends SqlDialect {
  private static final DateTimeFormatter TEXT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** Rows per statement: 4 parameters each. */
  static final int ROWS_PER_STATEMENT = 2_000;

  SqliteDialect(String prefix) {
    super(Dialect.SQLITE, prefix);
  }

  @Override
  protected String distinct(String a, String b) {
    return a + " IS NOT " + b;
  }

  @Override
  protected int instantSqlType() {
    return Types.VARCHAR;
  }

  @Override
  protected void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    ps.setString(index, TEXT.format(stored(instant)));
  }

  @Override
  protected Instant getInstant(ResultSet rs, int column) throws SQLException {
    String text = rs.getString(column);
    return text == null ? null : Instant.parse(text);
  }

  @Override
  public WriteResult writeBatch(Handle tx, String resource, List<SourceRecord> batch, Instant at) {
    WriteResult total = WriteResult.EMPTY;
    for (int from = 0; from < batch.size(); from += ROWS_PER_STATEMENT) {
      total = total.plus(writeRows(tx, resource, batch.subList(from, Math.min(batch.size(), from + ROWS_PER_STATEMENT)), at));
    }
    return total;
  }

  private WriteResult writeRows(Handle tx, String resource, List<SourceRecord> rows, Instant at) {
    int n = rows.size();
    StringBuilder values = new StringBuilder("(SELECT column1 AS id, column2 AS id_sort, column3 AS payload,"
        + " column4 AS updated_at FROM (VALUES ");
    for (int i = 0; i < n; i++) {
      values.append(i == 0 ? "(" : ", (").append(":i").append(i).append(", :s").append(i).append(", :p").append(i)
          .append(", :u").append(i).append(')');
    }
    values.append(")) AS s");
    String t = recordTable();
    int inserted = bind(tx.createUpdate("INSERT INTO " + t + " (" + COLUMNS + ") SELECT :resource, s.id, s.id_sort,"
        + " s.payload, s.updated_at, :at, :at FROM " + values + " WHERE true"
        + " ON CONFLICT (resource, id_sort, id) DO NOTHING"), resource, rows, at).execute();
    int updated = inserted == n ? 0 : bind(tx.createUpdate("UPDATE " + t + " AS r SET payload = s.payload,"
        + " updated_at = s.updated_at, fetched_at = :at, synced_at = :at, deleted_at = NULL FROM " + values
        + " WHERE r.resource = :resource AND r.id_sort = s.id_sort AND r.id = s.id AND " + replaces("r", "s")),
        resource, rows, at).execute();
    if (inserted + updated < n) {
      bind(tx.createUpdate("UPDATE " + t + " AS r SET fetched_at = :at FROM " + values
          + " WHERE r.resource = :resource AND r.id_sort = s.id_sort AND r.id = s.id AND r.fetched_at <> :at"),
          resource, rows, at).execute();
    }
    return new WriteResult(inserted, updated, n - inserted - updated);
  }

  private static org.jdbi.v3.core.statement.Update bind(org.jdbi.v3.core.statement.Update update, String resource,
      List<SourceRecord> rows, Instant at) {
    bindInstant(update, "at", at).bind("resource", resource);
    for (int i = 0; i < rows.size(); i++) {
      SourceRecord r = rows.get(i);
      update.bind("i" + i, r.id()).bind("s" + i, IdSortKey.of(r.id())).bind("p" + i, r.json());
      bindInstant(update, "u" + i, r.updatedAt().orElse(null));
    }
    return update;
  }

  @Override
  public void underMigrationLock(Handle handle, java.util.function.Consumer<Handle> migration) {
    // SQLite's DDL is transactional: a step and its version commit together.
    handle.useTransaction(migration::accept);
  }

  @Override
  public String insertStateIfMissing() {
    return "INSERT INTO " + stateTable() + " (resource, schema_version) VALUES (:resource, :version)"
        + " ON CONFLICT (resource) DO NOTHING";
  }
}
