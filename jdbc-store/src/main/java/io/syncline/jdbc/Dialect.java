package io.syncline.jdbc;

import java.util.Locale;

/**
 * The SQL flavour a {@link JdbcRecordStore} speaks. Detected from
 * {@link java.sql.DatabaseMetaData#getDatabaseProductName()} unless set on the builder.
 *
 * <p>Each dialect ships its DDL as classpath resources with a {@code ${prefix}} placeholder for the
 * table prefix, for users who run Flyway or Liquibase: the version-1 baseline
 * {@link #schemaResource()} and the later steps next to it in
 * {@code io/syncline/jdbc/schema/<dialect>/V<n>__<name>.sql}. Immutable and thread-safe.
 */
public enum Dialect {
  /** PostgreSQL: {@code INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE … WHERE … RETURNING}, payload as {@code json}. */
  POSTGRESQL("postgresql"),
  /** MariaDB and MySQL: {@code INSERT … ON DUPLICATE KEY UPDATE} with guarded assignments, payload as LONGTEXT. */
  MARIADB("mariadb"),
  /** H2 2.x: {@code MERGE INTO … USING TABLE(…) WHEN MATCHED AND …}, payload as CHARACTER VARYING (kept inline in the row, unlike a CLOB). */
  H2("h2"),
  /** SQLite 3.35+: {@code INSERT … ON CONFLICT DO NOTHING} then guarded updates, instants as fixed-width text. */
  SQLITE("sqlite"),
  /**
   * Any other JDBC database: standard SQL only; a guarded update, then a plain insert of the ids
   * no update found, so two writers racing on one new id make one of the pages fail (roll back,
   * and be written again) instead of merging; leases prevent that in normal use.
   */
  GENERIC("generic");

  private final String file;

  Dialect(String file) {
    this.file = file;
  }

  /**
   * Picks the dialect for a database product name.
   *
   * @param databaseProductName what {@code DatabaseMetaData.getDatabaseProductName()} returns
   * @return the matching dialect, {@link #GENERIC} when none matches
   */
  public static Dialect fromProductName(String databaseProductName) {
    String name = databaseProductName == null ? "" : databaseProductName.toLowerCase(Locale.ROOT);
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb") || name.contains("mysql")) {
      return MARIADB;
    }
    if (name.equals("h2")) {
      return H2;
    }
    if (name.contains("sqlite")) {
      return SQLITE;
    }
    return GENERIC;
  }

  /**
   * The classpath resource holding this dialect's version-1 (baseline) DDL, e.g.
   * {@code io/syncline/jdbc/schema/postgresql.sql}; it contains the placeholder {@code ${prefix}}.
   * Later versions are the steps {@code io/syncline/jdbc/schema/<dialect>/V<n>__<name>.sql};
   * {@link JdbcRecordStore#migrate()} runs what a database lacks.
   *
   * @return the resource path
   */
  public String schemaResource() {
    return "io/syncline/jdbc/schema/" + file + ".sql";
  }
}
