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
 * The DDL of one dialect, read from its classpath resource with the table prefix filled in.
 * Immutable and thread-safe.
 *
 * @param dialect the dialect
 * @param statements the statements, in order
 */
public record Schema(Dialect dialect, List<String> statements) {

  /**
   * Loads a dialect's DDL.
   *
   * @param dialect the dialect
   * @param prefix the validated table prefix
   * @return the schema
   */
  public static Schema load(Dialect dialect, String prefix) {
    String text;
    try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(dialect.schemaResource())) {
      if (in == null) {
        throw new IllegalStateException("DDL resource " + dialect.schemaResource() + " is missing from the classpath");
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
    return new Schema(dialect, List.copyOf(statements));
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
        } finally {
          handle.createQuery("SELECT RELEASE_LOCK(?)").bind(0, lock).mapTo(Integer.class).one();
        }
      }
      case GENERIC -> {
        if (!tableExists(handle, stateTable)) {
          statements.forEach(handle::execute);
        }
      }
      default -> statements.forEach(handle::execute);
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
    try {
      handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0").mapTo(Long.class).one();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
