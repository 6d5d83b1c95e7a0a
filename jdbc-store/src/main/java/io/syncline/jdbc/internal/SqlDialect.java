package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Everything one database does differently, gathered in one place per dialect: how it stores an
 * {@link Instant}, how it writes a batch of records set-based and reports what it did, how it
 * serialises concurrent migrations, how it streams. The state-table and lease SQL, which is
 * standard, lives in {@link StateTable}. Immutable and thread-safe.
 *
 * <p>Every batch write keeps the same guarantees: a stored row never goes back to an older
 * version ({@code updated_at} of the stored row later than the incoming one); a record equal to
 * the stored one (same {@code updated_at}, same payload text) is left alone but its
 * {@code fetched_at} moves; the counts are exact for a single writer.
 */
public abstract class SqlDialect {
  /** The columns of a record row, in the order of every insert. */
  protected static final String COLUMNS = "resource, id, id_sort, payload, updated_at, fetched_at, synced_at";

  private final Dialect dialect;
  private final String recordTable;
  private final String stateTable;
  private final String rejectedTable;
  private final String prefix;

  /**
   * @param dialect the dialect
   * @param prefix the validated table prefix
   */
  protected SqlDialect(Dialect dialect, String prefix) {
    this.dialect = dialect;
    this.prefix = prefix;
    this.recordTable = prefix + "sync_record";
    this.stateTable = prefix + "sync_state";
    this.rejectedTable = prefix + "rejected_record";
  }

  /**
   * The dialect's support.
   *
   * @param dialect the dialect
   * @param prefix the validated table prefix
   * @return its SQL
   */
  public static SqlDialect of(Dialect dialect, String prefix) {
    return switch (dialect) {
      case POSTGRESQL -> new PostgresqlDialect(prefix);
      case MARIADB -> new MariadbDialect(prefix);
      case H2 -> new H2Dialect(prefix);
      case SQLITE -> new SqliteDialect(prefix);
      case GENERIC -> new GenericDialect(prefix);
    };
  }

  /** @return the public dialect */
  public Dialect dialect() {
    return dialect;
  }

  /** @return the table prefix */
  public String prefix() {
    return prefix;
  }

  /** @return {@code <prefix>sync_record} */
  public String recordTable() {
    return recordTable;
  }

  /** @return {@code <prefix>sync_state} */
  public String stateTable() {
    return stateTable;
  }

  /** @return {@code <prefix>rejected_record} */
  public String rejectedTable() {
    return rejectedTable;
  }

  /**
   * A Java array bound as one object with {@code setObject}: H2 reads it in {@code TABLE(x T = ?)},
   * and PostgreSQL's driver sends a {@code String[]} in binary ({@code varchar[]}), where Jdbi's
   * own array binding goes through {@code createArrayOf}'s text literal, escaping every character
   * of every payload (a third of a PostgreSQL page write, measured in issue 11).
   *
   * @param values the elements
   * @return an argument binding them
   */
  protected static Argument array(Object[] values) {
    return (position, statement, ctx) -> statement.setObject(position, values);
  }

  // ---- instants -------------------------------------------------------------------------------

  /**
   * Truncates an instant to what every database keeps (microseconds).
   *
   * @param instant an instant
   * @return the instant as it will read back
   */
  public static Instant stored(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** @return the JDBC type of a NULL instant parameter */
  protected int instantSqlType() {
    return Types.TIMESTAMP_WITH_TIMEZONE;
  }

  /**
   * Binds a non-null instant.
   *
   * @param ps the statement
   * @param index the 1-based index
   * @param instant the instant
   * @throws SQLException from the driver
   */
  protected void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    ps.setObject(index, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
  }

  /**
   * Binds the page's fetch time, the same instant for every row of a batch; by default as
   * {@link #setInstant}.
   *
   * @param ps the statement
   * @param index the 1-based index
   * @param at the page's fetch time
   * @throws SQLException from the driver
   */
  protected void setPageInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
    setInstant(ps, index, at);
  }

  /**
   * Reads an instant column.
   *
   * @param rs the result set
   * @param column the 1-based column index
   * @return the instant, or null
   * @throws SQLException from the driver
   */
  protected Instant getInstant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * Reads an instant column by label.
   *
   * @param rs the result set
   * @param column the column's label
   * @return the instant, or null
   * @throws SQLException from the driver
   */
  public Instant instant(ResultSet rs, String column) throws SQLException {
    return getInstant(rs, rs.findColumn(column));
  }

  /**
   * Registers on a handle's Jdbi config how this dialect binds and maps {@link Instant}s, so that
   * {@code bindByType(name, instant, Instant.class)} and {@code mapTo(Instant.class)} store and
   * read them as the schema expects (UTC, microseconds), bypassing Jdbi's own java.time handling,
   * which applies the JVM's time zone on some drivers. One-row statements of a batch share their
   * bindings, so unused named bindings are allowed.
   *
   * @param handle a handle the store opened
   * @return the handle
   */
  public Handle configure(Handle handle) {
    handle.getConfig(org.jdbi.v3.core.statement.SqlStatements.class).setUnusedBindingAllowed(true);
    return handle.registerArgument(new InstantArguments())
        .registerColumnMapper(Instant.class, (ColumnMapper<Instant>) (rs, column, ctx) -> getInstant(rs, column));
  }

  private final class InstantArguments extends AbstractArgumentFactory<Instant> {
    InstantArguments() {
      super(instantSqlType());
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      return (position, statement, ctx) -> setInstant(statement, position, value);
    }
  }

  /**
   * Binds an instant, or NULL, by name.
   *
   * @param statement the statement
   * @param name the parameter's name
   * @param value the instant or null
   * @param <S> the statement type
   * @return the statement
   */
  public static <S extends SqlStatement<S>> S bindInstant(S statement, String name, Instant value) {
    return statement.bindByType(name, value == null ? null : stored(value), Instant.class);
  }

  // ---- writes ---------------------------------------------------------------------------------

  /**
   * Prepares the page's transaction (session settings, locks); called once per attempt.
   *
   * @param tx a handle inside the page's transaction
   * @param resource the resource the page belongs to
   */
  public void beginPage(Handle tx, String resource) {}

  /**
   * Writes records whose ids are distinct, sorted by id (the same lock order in every writer), in
   * the caller's transaction: inserts new ids, replaces rows whose stored version is not newer and
   * differs, and moves {@code fetched_at} of the rest.
   *
   * @param tx a handle inside the page's transaction
   * @param resource the resource
   * @param batch the records, distinct ids in id order
   * @param at the page's fetch time ({@code fetched_at}, and {@code synced_at} of written rows)
   * @return what the batch did
   */
  public abstract WriteResult writeBatch(Handle tx, String resource, List<SourceRecord> batch, Instant at);

  /**
   * Whether one-row statements ({@link RowWrites}) may number their parameters ({@code ?3}), so a
   * value a statement uses several times (the guarded update compares the payload and the
   * timestamp it sets) is bound once, not once per use. Not portable JDBC: off by default.
   *
   * @return true when the database takes {@code ?n} parameters
   */
  boolean numberedParameters() {
    return false;
  }

  /**
   * The condition under which an incoming row replaces a stored one: the stored version is not
   * newer, and the incoming one differs in {@code updated_at} or payload text, or the stored row
   * is marked deleted (it is live again: every replacing statement clears {@code deleted_at}).
   *
   * @param stored the stored row's alias
   * @param incoming the incoming row's alias
   * @return the SQL condition
   */
  protected String replaces(String stored, String incoming) {
    return "(" + stored + ".updated_at IS NULL OR " + incoming + ".updated_at IS NULL OR "
        + stored + ".updated_at <= " + incoming + ".updated_at) AND (" + distinct(stored + ".updated_at",
        incoming + ".updated_at") + " OR " + stored + ".payload <> " + incoming + ".payload OR "
        + stored + ".deleted_at IS NOT NULL)";
  }

  /**
   * @param a an expression
   * @param b another
   * @return SQL true when they differ, NULLs compared as values
   */
  protected String distinct(String a, String b) {
    return a + " IS DISTINCT FROM " + b;
  }

  // ---- state rows -----------------------------------------------------------------------------

  /**
   * Creates a state row if missing, leaving an existing one alone, safely under races.
   * Parameters {@code :resource}, {@code :version}.
   *
   * @return the statement, or null when the dialect has none (then check, then insert)
   */
  public abstract String insertStateIfMissing();

  // ---- schema ---------------------------------------------------------------------------------

  /**
   * Runs the migration inside whatever serialises concurrent migrations on this database.
   *
   * @param handle a handle in auto-commit
   * @param migration the work
   */
  public void underMigrationLock(Handle handle, java.util.function.Consumer<Handle> migration) {
    migration.accept(handle);
  }

  /**
   * Tells whether a table exists, without failing the current transaction.
   *
   * @param handle a handle
   * @param table the table
   * @return true when it answers a query
   */
  public boolean tableExists(Handle handle, String table) {
    try {
      handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0").mapTo(Long.class).one();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  // ---- streams --------------------------------------------------------------------------------

  /**
   * Prepares a connection for a long read.
   *
   * @param handle a fresh handle that serves only the stream
   */
  public void beginStream(Handle handle) {}

  /**
   * Undoes {@link #beginStream} before the connection goes back to its pool.
   *
   * @param handle the stream's handle
   */
  public void endStream(Handle handle) {
    if (handle.isInTransaction()) {
      handle.rollback();
    }
  }

  /**
   * The table expression a stream reads, in primary-key order.
   *
   * @param handle the stream's handle
   * @return the records table, with an index hint where the optimizer needs one
   */
  public String streamSource(Handle handle) {
    return recordTable;
  }

  /**
   * @param requested the store's fetch size
   * @return the fetch size this driver streams with
   */
  public int streamFetchSize(int requested) {
    return requested;
  }

  @Override
  public String toString() {
    return dialect.toString();
  }
}
