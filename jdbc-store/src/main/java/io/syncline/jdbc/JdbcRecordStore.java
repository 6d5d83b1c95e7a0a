package io.syncline.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.Resource;
import io.syncline.Sleeper;
import io.syncline.SyncState;
import io.syncline.jdbc.internal.DeletionMarks;
import io.syncline.jdbc.internal.IdSortKey;
import io.syncline.jdbc.internal.OutageRetry;
import io.syncline.jdbc.internal.Migrations;
import io.syncline.jdbc.internal.PageWriter;
import io.syncline.jdbc.internal.RaceFailure;
import io.syncline.jdbc.internal.RecordReads;
import io.syncline.jdbc.internal.RejectedTable;
import io.syncline.jdbc.internal.Redacted;
import io.syncline.jdbc.internal.RetryPause;
import io.syncline.jdbc.internal.SqlDialect;
import io.syncline.jdbc.internal.StateTable;
import io.syncline.spi.Lease;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RecordStore;
import io.syncline.spi.RejectedRecord;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import io.syncline.spi.SweepOutcome;
import io.syncline.spi.Visibility;
import io.syncline.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * A {@link RecordStore} on any JDBC database, through Jdbi: tables {@code <prefix>sync_record},
 * {@code <prefix>sync_state} and {@code <prefix>rejected_record} (records set aside, see
 * {@link io.syncline.InvalidRecords}) (DDL per dialect in {@link Dialect#schemaResource()} and the
 * migration steps next to it).
 *
 * <pre>{@code
 * JdbcRecordStore store = JdbcRecordStore.builder(dataSource)
 *     .tablePrefix("crm_")
 *     .build();
 * store.migrate(); // optional: done on first use unless migrateOnFirstUse(false)
 * }</pre>
 *
 * <p>Immutable and thread-safe: share one instance. Every {@link #write(PageWrite)} is one
 * transaction holding the page's records and the resource's state; a page that loses a race with
 * another writer on the same ids (a deadlock, a serialization failure, a key inserted meanwhile)
 * rolls back and is written again, up to five times. A database that goes away (a restart, a
 * failover, a lost connection) is waited for, within a {@linkplain Builder#retryBudget(Duration)
 * budget}, and the operation is then done again on a fresh connection. Instants are stored with
 * microsecond precision (finer digits are truncated). Payloads are stored as the exact text
 * received on every dialect: PostgreSQL uses {@code json}, not {@code jsonb}, because jsonb
 * rewrites the text. Failures are {@link JdbcStoreException}s whose messages never contain the
 * connection URL or credentials, nor record data (see {@link JdbcStoreException}); invalid
 * resource names are {@link IllegalArgumentException}s.
 */
public final class JdbcRecordStore implements RecordStore {
  private static final int WRITE_ATTEMPTS = 5;
  /** How long an outage is ridden out unless {@link Builder#retryBudget(Duration)} says otherwise. */
  public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofMinutes(2);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Jdbi jdbi;
  private final String prefix;
  private final Dialect dialect;
  private final int batchSize;
  private final ObjectMapper mapper;
  private final SqlDialect sql;
  private final RetryPause pause;
  private final PageWriter pageWriter;
  private final StateTable stateTable;
  private final DeletionMarks deletionMarks;
  private final RejectedTable rejectedTable;
  private final RecordReads reads;
  private final boolean migrateOnFirstUse;
  private final OutageRetry outageRetry;
  private volatile boolean migrated;

  private JdbcRecordStore(Builder b, Dialect dialect) {
    this.jdbi = b.jdbi;
    this.prefix = b.prefix;
    this.dialect = dialect;
    this.batchSize = b.batchSize;
    this.mapper = b.mapper;
    this.migrateOnFirstUse = b.migrateOnFirstUse;
    this.sql = SqlDialect.of(dialect, prefix);
    this.pause = new RetryPause(b.sleeper);
    this.pageWriter = new PageWriter(sql, batchSize);
    this.stateTable = new StateTable(sql);
    this.deletionMarks = new DeletionMarks(sql);
    this.rejectedTable = new RejectedTable(sql);
    this.reads = new RecordReads(sql, b.fetchSize);
    this.outageRetry = new OutageRetry(b.retryBudget, b.clock, b.sleeper, b.retryListener);
  }

  /**
   * Starts building a store on a {@link DataSource} (pooled, ideally).
   *
   * @param dataSource where connections come from
   * @return a builder, not thread-safe
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Jdbi.create(Objects.requireNonNull(dataSource, "dataSource")));
  }

  /**
   * Starts building a store on the caller's {@link Jdbi} (its plugins and customizers apply).
   *
   * @param jdbi the Jdbi instance
   * @return a builder, not thread-safe
   */
  public static Builder builder(Jdbi jdbi) {
    return new Builder(Objects.requireNonNull(jdbi, "jdbi"));
  }

  /** @return the dialect in use (detected or configured) */
  public Dialect dialect() {
    return dialect;
  }

  /** @return the table prefix, empty by default */
  public String tablePrefix() {
    return prefix;
  }

  /** @return the records table's name, {@code <prefix>sync_record} */
  public String recordTable() {
    return sql.recordTable();
  }

  /** @return the state table's name, {@code <prefix>sync_state} */
  public String stateTable() {
    return sql.stateTable();
  }

  /** @return the table of records set aside, {@code <prefix>rejected_record} (schema version 6) */
  public String rejectedTable() {
    return sql.rejectedTable();
  }

  /**
   * Creates the tables and indexes unless they exist, and brings tables made by an earlier
   * release to the current schema version ({@link #schemaVersion()}) through its ordered
   * migration steps; safe to call any number of times, and from several instances (several
   * {@link Jdbi}s, JVMs or hosts) at the same moment: PostgreSQL serialises them with an advisory
   * lock and one transaction, MariaDB with {@code GET_LOCK}, SQLite with a transaction, and on
   * every dialect a migration that lost a race is retried.
   *
   * @throws JdbcStoreException when the DDL fails (for example, missing privileges)
   */
  public void migrate() {
    try {
      Migrations.migrate(jdbi, sql, pause);
    } catch (RuntimeException e) {
      throw new JdbcStoreException(null, "Creating tables " + sql.recordTable() + " and " + sql.stateTable()
          + " on " + dialect + " failed (" + Redacted.describe(e) + "); check the user's DDL privileges,"
          + " or create them from " + dialect.schemaResource() + " and set migrateOnFirstUse(false)", e);
    }
    migrated = true;
  }

  private void ensureMigrated() {
    if (!migrated && migrateOnFirstUse) {
      synchronized (this) {
        if (!migrated) {
          migrate();
        }
      }
    }
  }

  /**
   * The schema version the database is at (0 before the tables exist, 1 for tables made by
   * Syncline 0.1.0); {@link #migrate()} brings it to {@link #latestSchemaVersion()}.
   *
   * @return the version
   * @throws JdbcStoreException when the database cannot be read
   */
  public int schemaVersion() {
    try {
      return jdbi.withHandle(h -> Migrations.version(sql.configure(h), sql));
    } catch (RuntimeException e) {
      throw new JdbcStoreException(null, "Reading the schema version of " + sql.stateTable() + " on " + dialect
          + " failed: " + Redacted.describe(e), e);
    }
  }

  /** @return the schema version this release creates and migrates to */
  public static int latestSchemaVersion() {
    return Migrations.latest();
  }

  /** One operation, retried on a fresh connection while the database is unavailable (within the budget). */
  private <T> T with(String resource, String what, HandleCallback<T, Exception> callback) {
    return outageRetry.call(resource, what, () -> once(resource, what, callback));
  }

  private <T> T once(String resource, String what, HandleCallback<T, Exception> callback) {
    ensureMigrated();
    try {
      return jdbi.withHandle(h -> callback.withHandle(sql.configure(h)));
    } catch (JdbcStoreException | IllegalArgumentException | io.syncline.SyncException e) {
      throw e;
    } catch (Exception e) {
      throw new JdbcStoreException(resource, what + " in " + sql.recordTable() + "/" + sql.stateTable()
          + " on " + dialect + " failed: " + Redacted.describe(e), e);
    }
  }

  @Override
  public WriteResult write(PageWrite write) {
    String resource = Resource.validateName(write.resource().name());
    for (SourceRecord r : write.records()) {
      if (r.id().length() > IdSortKey.MAX_ID_LENGTH) {
        throw new IllegalArgumentException("Resource '" + resource + "': record id longer than "
            + IdSortKey.MAX_ID_LENGTH + " characters: '" + r.id().substring(0, 40) + "…'");
      }
    }
    String what = "Writing a page of " + write.records().size() + " records"
        + (write.rejected().isEmpty() ? "" : " and " + write.rejected().size() + " rejected") + " (rolled back)";
    return outageRetry.call(resource, what, () -> writeRacing(resource, what, write));
  }

  /** Writes a page, retrying at once when it lost a race with a concurrent writer. */
  private WriteResult writeRacing(String resource, String what, PageWrite write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(resource, what,
            h -> h.inTransaction(tx -> {
              sql.beginPage(tx, resource);
              WriteResult result = pageWriter.write(tx, write)
                  .plusDeleted(deletionMarks.mark(tx, resource, write.deletions()))
                  .plusRejected(write.rejected().size());
              rejectedTable.insert(tx, write.rejected(), write.fetchedAt());
              stateTable.save(tx, write.state(), write.lease());
              return result;
            }));
      } catch (JdbcStoreException e) {
        // A concurrent writer on the same ids: a deadlock, a serialization failure, or (H2,
        // GENERIC) a key inserted meanwhile. The page rolled back whole, and every statement
        // guards against older versions, so writing it again never regresses a row.
        if (attempt >= WRITE_ATTEMPTS || !RaceFailure.isRace(e)) {
          throw e;
        }
        try {
          pause.before(attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  public Optional<SyncState> state(String resource) {
    Resource.validateName(resource);
    return with(resource, "Reading the state", h -> stateTable.read(h, resource));
  }

  @Override
  public void saveState(SyncState state) {
    with(state.resource(), "Saving the state", h -> h.inTransaction(tx -> {
      stateTable.save(tx, state, Optional.empty());
      return null;
    }));
  }

  @Override
  public Optional<Lease> tryAcquireLease(String resource, String owner, Instant now, Duration duration) {
    Resource.validateName(resource);
    Objects.requireNonNull(owner, "owner");
    Instant expiresAt = SqlDialect.stored(now.plus(duration));
    return with(resource, "Acquiring the lease", h -> {
      try {
        stateTable.ensureRow(h, resource);
      } catch (RuntimeException e) {
        // Another instance inserted the row at the same moment (GENERIC, or a racing MERGE): fine.
        if (!stateTable.exists(h, resource)) {
          throw e;
        }
      }
      return stateTable.acquire(h, resource, owner, now, expiresAt)
          ? Optional.of(new Lease(resource, owner, expiresAt))
          : Optional.<Lease>empty();
    });
  }

  @Override
  public Optional<Lease> renewLease(Lease lease, Instant now, Duration duration) {
    Resource.validateName(lease.resource());
    Instant expiresAt = SqlDialect.stored(now.plus(duration));
    return with(lease.resource(), "Renewing the lease", h -> stateTable.renew(h, lease, expiresAt)
        ? Optional.of(new Lease(lease.resource(), lease.owner(), expiresAt))
        : Optional.<Lease>empty());
  }

  @Override
  public void releaseLease(Lease lease) {
    Resource.validateName(lease.resource());
    with(lease.resource(), "Releasing the lease", h -> {
      stateTable.release(h, lease);
      return null;
    });
  }

  @Override
  public Optional<Lease> currentLease(String resource, Instant now) {
    Resource.validateName(resource);
    return with(resource, "Reading the lease", h -> stateTable.current(h, resource, now));
  }

  @Override
  public long count(String resource, Visibility visibility) {
    Resource.validateName(resource);
    return with(resource, "Counting records", h -> reads.count(h, resource, visibility));
  }

  @Override
  public Optional<StoredRecord> find(String resource, String id, Visibility visibility) {
    Resource.validateName(resource);
    Objects.requireNonNull(id, "id");
    return with(resource, "Finding record " + id, h -> reads.find(h, resource, id, visibility));
  }

  @Override
  public void noteSwept(String resource, Collection<String> ids, Instant sweepStart) {
    Resource.validateName(resource);
    Objects.requireNonNull(sweepStart, "sweepStart");
    with(resource, "Noting " + ids.size() + " swept ids", h -> h.inTransaction(tx -> {
      deletionMarks.noteSwept(tx, resource, ids, sweepStart);
      return null;
    }));
  }

  @Override
  public SweepOutcome finishSweep(String resource, Instant sweepStart, Instant deletedAt, double maxShare) {
    Resource.validateName(resource);
    return with(resource, "Ending an id sweep (rolled back)", h -> h.inTransaction(tx ->
        deletionMarks.finishSweep(tx, resource, sweepStart, deletedAt, maxShare)));
  }

  @Override
  public long purgeDeleted(String resource, Instant deletedBefore) {
    Resource.validateName(resource);
    return with(resource, "Purging deleted records", h -> deletionMarks.purge(h, resource, deletedBefore));
  }

  @Override
  public long countRejected(String resource) {
    Resource.validateName(resource);
    return with(resource, "Counting rejected records", h -> rejectedTable.count(h, resource));
  }

  @Override
  public List<RejectedRecord> rejected(String resource, int limit) {
    Resource.validateName(resource);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more: " + limit);
    }
    return with(resource, "Reading rejected records", h -> rejectedTable.read(h, resource, limit));
  }

  @Override
  public long clearRejected(String resource) {
    Resource.validateName(resource);
    return with(resource, "Clearing rejected records", h -> rejectedTable.clear(h, resource));
  }

  /**
   * Finds one record's payload as a Jackson tree.
   *
   * @param resource the resource's name
   * @param id the record's id
   * @return the payload, if the record is stored
   */
  public Optional<JsonNode> findJson(String resource, String id) {
    return find(resource, id).map(r -> parse(r, JsonNode.class));
  }

  /**
   * Finds one record's payload mapped to a class with the store's {@link ObjectMapper}.
   *
   * @param resource the resource's name
   * @param id the record's id
   * @param type the class to map to
   * @param <T> the type
   * @return the mapped payload, if the record is stored
   */
  public <T> Optional<T> find(String resource, String id, Class<T> type) {
    return find(resource, id).map(r -> parse(r, type));
  }

  /**
   * Streams a resource's records in id order (numeric ids as numbers, first), reading
   * {@code fetchSize} rows at a time and never holding the resource in memory; the caller must
   * close the stream, which frees the connection. On PostgreSQL the stream runs in its own read
   * transaction (the driver uses a cursor only outside auto-commit; do not set
   * {@code preferQueryMode=simple}). MariaDB Connector/J 3.x streams with the fetch size as is;
   * MySQL Connector/J needs {@code useCursorFetch=true} in the URL.
   *
   * @param resource the resource's name
   * @param visibility live records only, or also those marked deleted
   * @return the records
   */
  @Override
  public Stream<StoredRecord> stream(String resource, Visibility visibility) {
    Resource.validateName(resource);
    return open(resource, h -> reads.stream(h, resource, visibility));
  }

  /**
   * Streams the live records whose {@code updated_at} lies in {@code [from, to)}, in id order; records
   * without {@code updated_at} are not included. The caller must close the stream.
   *
   * @param resource the resource's name
   * @param from the inclusive lower bound
   * @param to the exclusive upper bound
   * @return the records
   */
  public Stream<StoredRecord> stream(String resource, Instant from, Instant to) {
    Resource.validateName(resource);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return open(resource, h -> reads.stream(h, resource, from, to));
  }

  /**
   * Streams a resource's payloads as Jackson trees, in id order; the caller must close the stream.
   *
   * @param resource the resource's name
   * @return the payloads
   */
  public Stream<JsonNode> streamJson(String resource) {
    return stream(resource).map(r -> parse(r, JsonNode.class));
  }

  /**
   * Streams a resource's payloads mapped to a class, in id order; the caller must close the stream.
   *
   * @param resource the resource's name
   * @param type the class to map to
   * @param <T> the type
   * @return the mapped payloads
   */
  public <T> Stream<T> stream(String resource, Class<T> type) {
    return stream(resource).map(r -> parse(r, type));
  }

  /** Opens a stream on a handle of its own; only opening is retried (a stream that breaks fails). */
  private Stream<StoredRecord> open(String resource, Function<Handle, Stream<StoredRecord>> opener) {
    return outageRetry.call(resource, "Streaming records", () -> {
      ensureMigrated();
      try {
        return opener.apply(sql.configure(jdbi.open()));
      } catch (RuntimeException e) {
        throw new JdbcStoreException(resource, "Streaming records from " + sql.recordTable() + " on " + dialect
            + " failed: " + Redacted.describe(e), e);
      }
    });
  }

  private <T> T parse(StoredRecord r, Class<T> type) {
    try {
      return mapper.readValue(r.json(), type);
    } catch (JsonProcessingException e) {
      throw new JdbcStoreException(r.resource(), "Record " + r.id() + " does not map to "
          + type.getName() + ": " + Redacted.message(e.getOriginalMessage()), e);
    }
  }

  /** Names the tables and dialect; never the connection URL or credentials. */
  @Override
  public String toString() {
    return "JdbcRecordStore[" + dialect + ", tables=" + sql.recordTable() + "/" + sql.stateTable()
        + ", batchSize=" + batchSize + "]";
  }

  /**
   * Builds a {@link JdbcRecordStore}. Not thread-safe; {@link #build()} copies the settings.
   * Defaults: no table prefix, dialect detected from the database, batches of 500 records,
   * streams fetching 1,000 rows at a time, tables created on first use, a plain
   * {@link ObjectMapper} for the typed reads, transient database failures retried for up to
   * 2 minutes per outage, the system clock and a sleeping {@link Sleeper}, no retry listener.
   */
  public static final class Builder {
    private final Jdbi jdbi;
    private String prefix = "";
    private Dialect dialect;
    private int batchSize = 500;
    private int fetchSize = 1000;
    private boolean migrateOnFirstUse = true;
    private ObjectMapper mapper = new ObjectMapper();
    private Duration retryBudget = DEFAULT_RETRY_BUDGET;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private StoreRetryListener retryListener = StoreRetryListener.none();

    private Builder(Jdbi jdbi) {
      this.jdbi = jdbi;
    }

    /**
     * Sets the prefix of the table and index names, e.g. {@code "crm_"} for {@code crm_sync_record}.
     *
     * @param prefix empty, or {@code [A-Za-z_][A-Za-z0-9_]*} of at most 40 characters
     * @return this builder
     * @throws IllegalArgumentException when the prefix is not a plain identifier
     */
    public Builder tablePrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!prefix.isEmpty() && (!IDENTIFIER.matcher(prefix).matches() || prefix.length() > 40)) {
        throw new IllegalArgumentException("Invalid table prefix '" + prefix.replaceAll("\\p{Cntrl}", "?")
            + "': use letters, digits and underscores, not starting with a digit, at most 40 characters");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * Sets the dialect instead of detecting it from the database's product name.
     *
     * @param dialect the dialect; {@link Dialect#GENERIC} for standard SQL only
     * @return this builder
     */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Sets how many records go into one JDBC batch (and one existence query).
     *
     * @param size 1 to 10,000, default 500
     * @return this builder
     */
    public Builder batchSize(int size) {
      if (size < 1 || size > 10_000) {
        throw new IllegalArgumentException("batchSize must be 1..10000: " + size);
      }
      this.batchSize = size;
      return this;
    }

    /**
     * Sets how many rows a stream fetches per round trip.
     *
     * @param size 1 to 100,000, default 1,000
     * @return this builder
     */
    public Builder fetchSize(int size) {
      if (size < 1 || size > 100_000) {
        throw new IllegalArgumentException("fetchSize must be 1..100000: " + size);
      }
      this.fetchSize = size;
      return this;
    }

    /**
     * Sets whether the first operation creates missing tables ({@link #migrate()}); turn it off
     * when Flyway or Liquibase owns the schema.
     *
     * @param migrate default true
     * @return this builder
     */
    public Builder migrateOnFirstUse(boolean migrate) {
      this.migrateOnFirstUse = migrate;
      return this;
    }

    /**
     * Sets the mapper of the typed reads ({@code find(resource, id, type)}, {@code stream(resource, type)}).
     *
     * @param mapper the mapper, which must not be reconfigured afterwards
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /**
     * Sets how long the store rides out a database outage. An operation that fails transiently
     * ({@link JdbcStoreException#isTransient()}: connection lost or refused, SQLSTATE class 08, a
     * server starting up, shutting down or failing over, a deadlock or serialization failure) is
     * run again, on a fresh connection and from scratch (a page is written again whole; writes are
     * idempotent), after a backoff of 0.1 s doubling to 5 s with jitter, until it succeeds or the
     * outage has lasted this long; then it fails with a {@link JdbcStoreException} that says so.
     * The budget runs from the first transient failure of any operation of the store until the
     * next success, so once it is spent other operations fail at once too. An attempt in progress
     * is not cut short: the last one may end after the budget by the driver's or the pool's
     * connection timeout. Permanent failures (credentials, privileges, schema, data) are never
     * retried.
     *
     * @param budget zero (never retry) to 24 hours; default 2 minutes
     * @return this builder
     */
    public Builder retryBudget(Duration budget) {
      Objects.requireNonNull(budget, "budget");
      if (budget.isNegative() || budget.compareTo(Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException("retryBudget must be 0..24h: " + budget);
      }
      this.retryBudget = budget;
      return this;
    }

    /**
     * Sets who hears of retries, recoveries and give-ups ({@link StoreRetryEvent}).
     *
     * @param listener the listener; default {@link StoreRetryListener#none()}
     * @return this builder
     */
    public Builder retryListener(StoreRetryListener listener) {
      this.retryListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the clock that measures outages against the retry budget (the stored instants come from
     * the engine, not from this clock).
     *
     * @param clock the clock; default {@link Clock#systemUTC()}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how the store waits between attempts: of an operation during a database outage, of a
     * page that lost a race with another writer (a random 5 to 25 × attempt ms), of a migration that
     * lost a race with another instance. Tests inject one that advances a fake clock.
     *
     * @param sleeper the sleeper; default {@link Sleeper#system()}
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the store. Detecting the dialect opens one connection (waiting out a database that
     * is restarting, within the retry budget); nothing else touches the database until the first
     * operation.
     *
     * @return the store
     * @throws JdbcStoreException when the dialect must be detected and no connection can be had
     */
    public JdbcRecordStore build() {
      Dialect d = dialect;
      if (d == null) {
        d = new OutageRetry(retryBudget, clock, sleeper, retryListener).call(null, "Detecting the dialect", () -> {
          try {
            return Dialect.fromProductName(
                jdbi.withHandle(h -> h.getConnection().getMetaData().getDatabaseProductName()));
          } catch (Exception e) {
            throw new JdbcStoreException(null, "Cannot detect the database dialect: " + Redacted.describe(e)
                + "; check that the database is up and the DataSource's settings, or set dialect(...)", e);
          }
        });
      }
      return new JdbcRecordStore(this, d);
    }
  }
}
