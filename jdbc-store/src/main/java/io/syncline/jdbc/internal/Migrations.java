package io.syncline.jdbc.internal;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The store's schema as an ordered list of {@link Migration} steps, and how a database is brought
 * to the latest one. The version a database is at lives in the state table, in the
 * {@code schema_version} of the row {@value #SCHEMA_ROW} (a name no resource can have); a database
 * whose tables exist without that row was created by 0.1.0 and is at version 1; one without the
 * state table is at version 0. Each step runs once, then the row records it, so several
 * instances may migrate the same database at the same moment: PostgreSQL (one transaction) and
 * MariaDB serialise them with a lock, SQLite runs them in one transaction, and on every dialect a
 * migration that lost a race is retried. Thread-safe.
 *
 * <p>To change the schema, append a step here and add its file for every dialect; never edit a
 * released step.
 */
public final class Migrations {
  /** The state row holding the schema's version. */
  public static final String SCHEMA_ROW = "#schema";

  /** How often a migration that failed (typically by losing a race) is tried. */
  static final int ATTEMPTS = 5;

  /** Every step, in version order: append new ones. */
  private static final List<Migration> STEPS = List.of(
      new Migration(1, "baseline"),
      new Migration(2, "write_path"),
      new Migration(3, "state_validator_and_traffic"),
      new Migration(4, "deletions"),
      new Migration(5, "deletion_progress"),
      new Migration(6, "rejected_records"),
      new Migration(7, "h2_stream_indexes"));

  private static final java.util.concurrent.ConcurrentMap<String, Object> LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Migrations() {}

  /** @return every step, in version order */
  public static List<Migration> steps() {
    return STEPS;
  }

  /** @return the version the steps bring a database to */
  public static int latest() {
    return STEPS.get(STEPS.size() - 1).version();
  }

  /**
   * Brings the database to the latest version; idempotent.
   *
   * @param jdbi the database
   * @param sql the store's dialect
   * @param pause the wait between attempts
   */
  public static void migrate(Jdbi jdbi, SqlDialect sql, RetryPause pause) {
    RuntimeException failure = null;
    // Within one JVM, migrations of the same tables take turns: H2 and GENERIC have no lock in the
    // database, and a step whose DDL does not say IF EXISTS must not run twice at once.
    Object lock = LOCKS.computeIfAbsent(sql.dialect() + ":" + sql.stateTable(), k -> new Object());
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        synchronized (lock) {
          jdbi.useHandle(h -> sql.underMigrationLock(sql.configure(h), tx -> apply(tx, sql)));
        }
        return;
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
      if (attempt == ATTEMPTS) {
        break;
      }
      try {
        pause.before(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw failure;
  }

  /**
   * Reads the version a database is at.
   *
   * @param handle a handle
   * @param sql the store's dialect
   * @return 0 without tables, 1 for a 0.1.0 database, else the recorded version
   */
  public static int version(Handle handle, SqlDialect sql) {
    if (!sql.tableExists(handle, sql.stateTable())) {
      return 0;
    }
    Optional<Integer> recorded = handle.createQuery("SELECT schema_version FROM " + sql.stateTable()
        + " WHERE resource = :resource").bind("resource", SCHEMA_ROW).mapTo(Integer.class).findOne();
    return recorded.orElse(1);
  }

  private static void apply(Handle handle, SqlDialect sql) {
    int current = version(handle, sql);
    for (Migration step : STEPS) {
      if (step.version() > current) {
        step.statements(sql.dialect(), sql.prefix()).forEach(handle::execute);
        record(handle, sql, step.version());
      }
    }
  }

  private static void record(Handle handle, SqlDialect sql, int version) {
    new StateTable(sql).ensureRow(handle, SCHEMA_ROW);
    handle.createUpdate("UPDATE " + sql.stateTable() + " SET schema_version = :version WHERE resource = :resource")
        .bind("version", version).bind("resource", SCHEMA_ROW).execute();
  }
}
