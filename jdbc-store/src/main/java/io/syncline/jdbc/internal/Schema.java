package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The DDL of one dialect, read from its classpath resources with the table prefix filled in: the
 * base DDL (schema version 1) and the {@link Migrations} steps after it, which are applied once
 * each and recorded in the history table {@code <prefix>sync_schema}. Immutable and thread-safe.
 *
 * @param dialect the dialect
 * @param statements the base statements, in order
 * @param steps the migration steps with their statements, in order
 * @param prefix the table prefix
 */
public record Schema(Dialect dialect, List<String> statements, List<LoadedStep> steps, String prefix) {

  /**
   * A migration step with its statements for the dialect.
   *
   * @param step the step
   * @param statements its statements, prefix filled in
   * @param probe its probe query, prefix filled in
   */
  public record LoadedStep(Migrations.Step step, List<String> statements, String probe) {}

  /**
   * Loads a dialect's DDL.
   *
   * @param dialect the dialect
   * @param prefix the validated table prefix
   * @return the schema
   */
  public static Schema load(Dialect dialect, String prefix) {
    List<LoadedStep> steps = new ArrayList<>();
    for (Migrations.Step step : Migrations.STEPS) {
      steps.add(new LoadedStep(step, statements(step.resource(dialect), prefix),
          step.probe().replace("${prefix}", prefix)));
    }
    return new Schema(dialect, statements(dialect.schemaResource(), prefix), List.copyOf(steps), prefix);
  }

  private static List<String> statements(String resource, String prefix) {
    String text;
    try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("DDL resource " + resource + " is missing from the classpath");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder sql = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.strip().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String s : sql.toString().replace("${prefix}", prefix).split(";")) {
      if (!s.isBlank()) {
        statements.add(s.strip());
      }
    }
    return List.copyOf(statements);
  }

  /** @return the history table's name, {@code <prefix>sync_schema} */
  public String historyTable() {
    return prefix + "sync_schema";
  }

  /** How often {@link #apply} runs the DDL again after losing a race with another instance. */
  static final int ATTEMPTS = 5;

  /**
   * Creates the tables unless present, safely while other instances do the same at the same
   * moment. PostgreSQL runs the DDL in one transaction holding a transaction-scoped advisory lock,
   * MariaDB holds a named lock ({@code GET_LOCK}) around it; on every dialect a failed attempt is
   * retried (up to {@value #ATTEMPTS} times) because {@code CREATE … IF NOT EXISTS} can still
   * fail when two sessions create the same object at once (H2, SQLite). GENERIC first checks
   * whether the state table, created last, answers a query.
   *
   * @param jdbi where to run it
   * @param stateTable the state table's name, which also names the locks
   */
  public void apply(Jdbi jdbi, String stateTable) {
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        jdbi.useHandle(h -> applyOnce(h, stateTable));
        return;
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
      try {
        Thread.sleep(20L * attempt + (long) (Math.random() * 30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw failure;
  }

  private void applyOnce(Handle handle, String stateTable) {
    switch (dialect) {
      case POSTGRESQL -> handle.useTransaction(tx -> {
        tx.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) l")
            .bind(0, lockKey(stateTable)).mapTo(Integer.class).one();
        statements.forEach(tx::execute);
        migrate(tx, false);
      });
      case MARIADB -> {
        String lock = "syncline_migrate_" + stateTable;
        Integer got = handle.createQuery("SELECT GET_LOCK(?, 60)").bind(0, lock).mapTo(Integer.class).one();
        if (got == null || got != 1) {
          throw new IllegalStateException("Timed out after 60 s waiting for lock " + lock
              + " held by another instance creating the same tables");
        }
        try {
          statements.forEach(handle::execute);
          migrate(handle, true);
        } finally {
          handle.createQuery("SELECT RELEASE_LOCK(?)").bind(0, lock).mapTo(Integer.class).one();
        }
      }
      case GENERIC -> {
        synchronized (LOCAL_DDL) {
          if (!tableExists(handle, stateTable)) {
            statements.forEach(handle::execute);
          }
          migrate(handle, true);
        }
      }
      default -> {
        synchronized (LOCAL_DDL) {
          statements.forEach(handle::execute);
          migrate(handle, true);
        }
      }
    }
  }

  /**
   * Serialises this JVM's DDL on the dialects without a server-side lock (H2, SQLite, GENERIC):
   * H2 rebuilds a table to add a column, and a session that looks at it meanwhile sees it
   * missing. Other processes are still covered by the retries.
   */
  private static final Object LOCAL_DDL = new Object();

  /**
   * Applies every step whose changes are missing, in order, and records each in the history
   * table. The history alone is not trusted: a state table dropped and created again at version 1
   * (by an older release, or by hand) still gets the steps. With {@code probe}, a step whose
   * changes are present (its probe query succeeds) is only recorded; PostgreSQL runs inside one
   * transaction, where a failing probe would abort it, so its steps (all {@code IF NOT EXISTS})
   * simply run every time. On SQLite a step and its record commit together.
   */
  private void migrate(Handle handle, boolean probe) {
    String history = historyTable();
    if (dialect == Dialect.GENERIC) {
      if (!tableExists(handle, history)) {
        handle.execute("CREATE TABLE " + history + " (version INTEGER NOT NULL PRIMARY KEY,"
            + " description VARCHAR(200) NOT NULL)");
      }
    } else {
      handle.execute("CREATE TABLE IF NOT EXISTS " + history + " (version INTEGER NOT NULL PRIMARY KEY,"
          + " description VARCHAR(200) NOT NULL)");
    }
    java.util.Set<Integer> recorded = new java.util.HashSet<>(
        handle.createQuery("SELECT version FROM " + history).mapTo(Integer.class).list());
    for (LoadedStep s : steps) {
      boolean present = probe && succeeds(handle, s.probe());
      boolean known = recorded.contains(s.step().version());
      if (present && known) {
        continue;
      }
      if (dialect == Dialect.SQLITE && !present) {
        handle.useTransaction(tx -> {
          s.statements().forEach(tx::execute);
          if (!known) {
            record(tx, s);
          }
        });
        continue;
      }
      if (!present) {
        s.statements().forEach(handle::execute);
      }
      if (!known) {
        record(handle, s);
      }
    }
  }

  private void record(Handle handle, LoadedStep s) {
    handle.createUpdate("INSERT INTO " + historyTable() + " (version, description) VALUES (?, ?)")
        .bind(0, s.step().version()).bind(1, s.step().description()).execute();
  }

  private static boolean succeeds(Handle handle, String query) {
    try {
      handle.createQuery(query).mapToMap().list();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A stable 64-bit advisory-lock key for a schema: the first 8 bytes of SHA-256 of its name. */
  static long lockKey(String stateTable) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(("syncline.migrate:" + stateTable).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(d).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static boolean tableExists(Handle handle, String table) {
    // The catalogue first: a query on a table another session is altering can fail on its lock
    // (H2), which must not read as "missing".
    try {
      java.sql.DatabaseMetaData md = handle.getConnection().getMetaData();
      for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT),
          table.toLowerCase(java.util.Locale.ROOT)}) {
        try (java.sql.ResultSet rs = md.getTables(null, null, name, null)) {
          if (rs.next()) {
            return true;
          }
        }
      }
    } catch (java.sql.SQLException | RuntimeException e) {
      // fall through to the query
    }
    try {
      handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0").mapTo(Long.class).one();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
