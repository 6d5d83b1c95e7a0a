package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of the store's schema: version {@code n} is the classpath resource
 * {@code io/syncline/jdbc/schema/<dialect>/V<n>__<name>.sql} (Flyway's naming, with the
 * {@code ${prefix}} placeholder), version 1 the baseline {@link Dialect#schemaResource()}.
 * Immutable and thread-safe.
 *
 * @param version the version the step brings the schema to, from 1
 * @param name the step's name, as in its file name
 */
public record Migration(int version, String name) {

  /**
   * @param dialect the dialect
   * @return the classpath resource of this step's DDL for the dialect
   */
  public String resource(Dialect dialect) {
    String baseline = dialect.schemaResource();
    return version == 1 ? baseline
        : baseline.substring(0, baseline.length() - ".sql".length()) + "/V" + version + "__" + name + ".sql";
  }

  /**
   * Loads the step's statements with the table prefix filled in.
   *
   * @param dialect the dialect
   * @param prefix the validated table prefix
   * @return the statements, in order
   */
  public List<String> statements(Dialect dialect, String prefix) {
    String path = resource(dialect);
    String text;
    try (InputStream in = Migration.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("DDL resource " + path + " is missing from the classpath");
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
}
