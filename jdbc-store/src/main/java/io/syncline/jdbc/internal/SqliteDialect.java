package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * SQLite 3.24+: a JDBC batch of one-row guarded upserts ({@code INSERT … ON CONFLICT DO UPDATE …
 * WHERE}), whose per-row change counts say which records were written (1) and which were left
 * alone (0); then one {@code UPDATE … WHERE (id_sort, id) IN (VALUES …)} moving {@code fetched_at}
 * of those left alone ({@link RowWrites#touchAll}). Which written rows are new comes from the
 * table's largest rowid, read before and after the batch: SQLite gives a new row the largest rowid
 * plus one, and the page's transaction holds the database's only write lock, so the difference is
 * the number of rows inserted. Near the largest possible rowid SQLite picks new rowids at random;
 * there the batch is written as insert-or-nothing then a guarded update ({@link
 * RowWrites#insertFirst}, one more statement per stored row: measured 10 % slower on the mixed
 * pages of benchmark part 5). The batch's first statement reads, so {@link #beginPage} takes the
 * write lock before it.
 *
 * <p>SQLite runs in the caller's process, so a statement costs no round trip: measured against one
 * multi-row {@code VALUES} list per statement (issue 11), the one-row statements prepared once per
 * batch wrote mixed pages 1.3–1.8 × faster, the list's 2,000 parameters costing more to bind than
 * to run. Parameters are numbered ({@code ?n}), so a value a statement uses several times is bound
 * once. Instants are fixed-width ISO text in UTC, which compares in time order.
 */
final class SqliteDialect extends SqlDialect {
  private final RowWrites rows;
  private final RowWrites.Positional upsert;
  private final RowWrites.Positional insertOrNothing;
  private final String largestRowid;
  private final String takeWriteLock;

  SqliteDialect(String prefix) {
    super(Dialect.SQLITE, prefix);
    this.rows = new RowWrites(this);
    String t = recordTable();
    String insert = "INSERT INTO " + t + " (" + COLUMNS + ") " + RowWrites.values(":payload")
        + " ON CONFLICT (resource, id_sort, id) DO ";
    this.upsert = rows.statement(insert + "UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at,"
        + " fetched_at = excluded.fetched_at, synced_at = excluded.synced_at, deleted_at = NULL WHERE "
        + replaces(t, "excluded"));
    this.insertOrNothing = rows.statement(insert + "NOTHING");
    this.largestRowid = "SELECT max(rowid) FROM " + t;
    this.takeWriteLock = "UPDATE " + stateTable() + " SET schema_version = schema_version WHERE resource = :resource";
  }

  @Override
  boolean numberedParameters() {
    return true;
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
    ps.setString(index, IsoInstantText.format(stored(instant)));
  }

  /** The page's fetch time, bound up to three times per row: formatted once (JFR: half the Java time). */
  @Override
  protected void setPageInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
    PageInstant last = lastPageInstant;
    if (!last.at().equals(at)) {
      last = new PageInstant(at, IsoInstantText.format(stored(at)));
      lastPageInstant = last;
    }
    ps.setString(index, last.text());
  }

  /** A fetch time and its text; shared between threads, replaced whole. */
  private record PageInstant(Instant at, String text) {}

  private volatile PageInstant lastPageInstant = new PageInstant(Instant.MIN, "");

  @Override
  protected Instant getInstant(ResultSet rs, int column) throws SQLException {
    String text = rs.getString(column);
    return text == null ? null : Instant.parse(text);
  }

  /**
   * Takes the database's write lock before the page's first read: under a deferred transaction a
   * read first would leave two writers each holding a read lock, and the one that tries to write
   * second fails with {@code SQLITE_BUSY} at once instead of waiting. A write statement takes the
   * lock when it starts, whether or not it finds a row; this one leaves every value as it is.
   */
  @Override
  public void beginPage(Handle tx, String resource) {
    tx.createUpdate(takeWriteLock).bind("resource", resource).execute();
  }

  @Override
  public WriteResult writeBatch(Handle tx, String resource, List<SourceRecord> batch, Instant at) {
    long before = largestRowid(tx);
    if (before > Long.MAX_VALUE - batch.size()) {
      return rows.insertFirst(tx, resource, batch, at, insertOrNothing);
    }
    List<SourceRecord> leftAlone = rows.run(tx, upsert, resource, batch, at);
    long inserted = largestRowid(tx) - before;
    rows.touchAll(tx, resource, leftAlone, at);
    return new WriteResult(inserted, batch.size() - leftAlone.size() - inserted, leftAlone.size());
  }

  /** @return the largest rowid of the records table, 0 when it is empty */
  private long largestRowid(Handle tx) {
    try (Statement s = tx.getConnection().createStatement(); ResultSet rs = s.executeQuery(largestRowid)) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
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
