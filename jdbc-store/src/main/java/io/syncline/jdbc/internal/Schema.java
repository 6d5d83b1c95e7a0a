package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

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

  /**
   * Creates the tables unless present. Every dialect but GENERIC uses {@code IF NOT EXISTS};
   * GENERIC first checks whether the state table answers a query.
   *
   * @param handle a handle in auto-commit
   * @param stateTable the state table's name
   */
  public void apply(Handle handle, String stateTable) {
    if (dialect == Dialect.GENERIC && tableExists(handle, stateTable)) {
      return;
    }
    for (String statement : statements) {
      handle.execute(statement);
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
