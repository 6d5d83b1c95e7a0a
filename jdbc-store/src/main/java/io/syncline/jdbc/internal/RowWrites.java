package io.syncline.jdbc.internal;

import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Writes of a batch as JDBC batches of one-row statements whose per-row update counts say what
 * happened, for databases without a set-based upsert that reports it (SQLite, GENERIC); no read
 * before writing. {@link #insertFirst} (a native insert-or-nothing exists): insert-or-nothing
 * (1 = inserted), then a guarded update of the rest (1 = updated), then one set-based
 * {@code fetched_at} statement for the rest, {@value #TOUCH_CHUNK} rows at a time
 * ({@code (id_sort, id) IN (VALUES …)}: the dialect must take row values). {@link #updateFirst}
 * (GENERIC): the guarded update first, then {@code fetched_at} row by row (its count, 1, says the
 * row exists, unchanged: portable SQL has no other way to learn which rows a statement touched),
 * then a plain insert of the rest; a concurrent insert of the same id fails it with a duplicate
 * key, and the page is written again. A dialect with its own flow uses {@link #statement},
 * {@link #run} and {@link #touchAll}. The one-row statements are plain JDBC batches bound by
 * position (their named parameters are resolved once, here): binding through Jdbi by name cost
 * more than the database's own work on SQLite. Thread-safe.
 */
final class RowWrites {
  private static final Pattern NAMED = Pattern.compile("(?<!:):(resource|id|idSort|payload|updatedAt|at)\\b");

  /** Rows per set-based {@code fetched_at} statement. */
  static final int TOUCH_CHUNK = 400;

  private final SqlDialect dialect;

  private final Positional update;
  private final Positional touch;
  private final String touchMany;

  /** @param dialect the dialect */
  RowWrites(SqlDialect dialect) {
    this.dialect = dialect;
    boolean numbered = dialect.numberedParameters();
    String t = dialect.recordTable();
    this.update = Positional.of("UPDATE " + t + " SET payload = :payload, updated_at = :updatedAt, fetched_at = :at,"
        + " synced_at = :at, deleted_at = NULL WHERE resource = :resource AND id_sort = :idSort AND id = :id AND "
        + dialect.replaces(t, "p").replace("p.updated_at", ":updatedAt").replace("p.payload", ":payload"), numbered);
    this.touch = Positional.of("UPDATE " + t + " SET fetched_at = :at WHERE resource = :resource AND id_sort = :idSort"
        + " AND id = :id", numbered);
    this.touchMany = "UPDATE " + t + " SET fetched_at = ? WHERE resource = ? AND (id_sort, id) IN (VALUES ";
  }

  /** @return the parameter list of a one-row insert */
  static String values(String payload) {
    return "VALUES (:resource, :id, :idSort, " + payload + ", :updatedAt, :at, :at)";
  }

  /**
   * @param named a one-row statement with named parameters ({@code :resource}, {@code :id},
   *     {@code :idSort}, {@code :payload}, {@code :updatedAt}, {@code :at})
   * @return it, bound by position
   */
  Positional statement(String named) {
    return Positional.of(named, dialect.numberedParameters());
  }

  /**
   * Insert-or-nothing, then the guarded update of the ids that existed, then {@code fetched_at}
   * of the rest.
   *
   * @param insertOrNothing from {@link #statement}: inserts a new id, does nothing on an existing one
   */
  WriteResult insertFirst(Handle tx, String resource, List<SourceRecord> batch, Instant at,
      Positional insertOrNothing) {
    List<SourceRecord> existing = run(tx, insertOrNothing, resource, batch, at);
    long inserted = batch.size() - existing.size();
    List<SourceRecord> same = run(tx, update, resource, existing, at);
    touchAll(tx, resource, same, at);
    return new WriteResult(inserted, existing.size() - same.size(), same.size());
  }

  /**
   * The guarded update, then {@code fetched_at} row by row, then a plain insert of the ids neither
   * found.
   *
   * @param insert from {@link #statement}: a plain insert
   */
  WriteResult updateFirst(Handle tx, String resource, List<SourceRecord> batch, Instant at, Positional insert) {
    List<SourceRecord> notUpdated = run(tx, update, resource, batch, at);
    List<SourceRecord> missing = run(tx, touch, resource, notUpdated, at);
    run(tx, insert, resource, missing, at);
    return new WriteResult(missing.size(), batch.size() - notUpdated.size(), notUpdated.size() - missing.size());
  }

  /**
   * Moves {@code fetched_at} of rows known to exist, one statement per {@value #TOUCH_CHUNK} rows
   * (two parameters a row: within the 999 parameters SQLite allowed before 3.32).
   */
  void touchAll(Handle tx, String resource, List<SourceRecord> records, Instant at) {
    for (int from = 0; from < records.size(); from += TOUCH_CHUNK) {
      List<SourceRecord> chunk = records.subList(from, Math.min(records.size(), from + TOUCH_CHUNK));
      StringBuilder sql = new StringBuilder(touchMany.length() + 8 * chunk.size()).append(touchMany);
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
      }
      try (PreparedStatement ps = tx.getConnection().prepareStatement(sql.append(')').toString())) {
        dialect.setPageInstant(ps, 1, at);
        ps.setString(2, resource);
        int index = 3;
        for (SourceRecord r : chunk) {
          ps.setString(index++, IdSortKey.of(r.id()));
          ps.setString(index++, r.id());
        }
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new UnableToExecuteStatementException(e, null);
      }
    }
  }

  /** Runs one statement per record and returns the records it changed no row for. */
  List<SourceRecord> run(Handle tx, Positional statement, String resource, List<SourceRecord> records,
      Instant at) {
    if (records.isEmpty()) {
      return records;
    }
    int[] counts;
    try (PreparedStatement ps = tx.getConnection().prepareStatement(statement.sql())) {
      for (SourceRecord r : records) {
        statement.bind(dialect, ps, resource, r, at);
        ps.addBatch();
      }
      counts = ps.executeBatch();
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
    List<SourceRecord> untouched = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        if (counts[i] == Statement.SUCCESS_NO_INFO) {
          throw new IllegalStateException("The " + dialect + " driver reports no row counts for batches;"
              + " counts per record are needed to write without reading first");
        }
        throw new IllegalStateException("Unexpected row count " + counts[i] + " from the " + dialect + " driver");
      }
      if (counts[i] == 0) {
        untouched.add(records.get(i));
      }
    }
    return untouched;
  }

  /** A statement parameter, by the name the SQL gives it. */
  private enum Param {
    RESOURCE, ID, ID_SORT, PAYLOAD, UPDATED_AT, AT;

    static Param named(String name) {
      return switch (name) {
        case "resource" -> RESOURCE;
        case "id" -> ID;
        case "idSort" -> ID_SORT;
        case "payload" -> PAYLOAD;
        case "updatedAt" -> UPDATED_AT;
        case "at" -> AT;
        default -> throw new IllegalArgumentException(name);
      };
    }
  }

  /**
   * A one-row statement with its named parameters turned into {@code ?}, in their order, or into
   * {@code ?n}, one number per name, in the order names first appear.
   */
  record Positional(String sql, Param[] params) {
    static Positional of(String named, boolean numbered) {
      Matcher m = NAMED.matcher(named);
      List<Param> params = new ArrayList<>();
      StringBuilder sql = new StringBuilder();
      while (m.find()) {
        Param p = Param.named(m.group(1));
        int number = numbered ? params.indexOf(p) + 1 : 0;
        if (number == 0) {
          params.add(p);
          number = params.size();
        }
        m.appendReplacement(sql, numbered ? "?" + number : "?");
      }
      m.appendTail(sql);
      return new Positional(sql.toString(), params.toArray(Param[]::new));
    }

    /** Binds one record; {@link SqlDialect#setInstant} stores instants truncated as every dialect keeps them. */
    void bind(SqlDialect dialect, PreparedStatement ps, String resource, SourceRecord r, Instant at)
        throws SQLException {
      for (int i = 0; i < params.length; i++) {
        int index = i + 1;
        switch (params[i]) {
          case RESOURCE -> ps.setString(index, resource);
          case ID -> ps.setString(index, r.id());
          case ID_SORT -> ps.setString(index, IdSortKey.of(r.id()));
          case PAYLOAD -> ps.setString(index, r.json());
          case AT -> dialect.setPageInstant(ps, index, at);
          case UPDATED_AT -> {
            Instant u = r.updatedAt().orElse(null);
            if (u == null) {
              ps.setNull(index, dialect.instantSqlType());
            } else {
              dialect.setInstant(ps, index, u);
            }
          }
        }
      }
    }
  }
}
