package io.syncline.jdbc;

import java.util.Locale;

/**
 * The SQL flavour a {@link JdbcRecordStore} speaks. Detected from
 * {@link java.sql.DatabaseMetaData#getDatabaseProductName()} unless set on the builder.
 *
 * <p>Each dialect ships its DDL as a classpath resource, {@link #schemaResource()}, with a
 * {@code ${prefix}} placeholder for the table prefix, for users who run Flyway or Liquibase.
 * Immutable and thread-safe.
 */
public enum Dialect {
  /** PostgreSQL: {@code INSERT … ON CONFLICT … DO UPDATE … WHERE}, payload as {@code json}. */
  POSTGRESQL("postgresql"),
  /** MariaDB and MySQL: {@code INSERT … ON DUPLICATE KEY UPDATE}, payload as LONGTEXT. */
  MARIADB("mariadb"),
  /** H2 2.x: {@code MERGE INTO … USING … WHEN MATCHED AND …}, payload as CHARACTER VARYING (kept inline in the row, unlike a CLOB). */
  H2("h2"),
  /** SQLite 3.24+: {@code INSERT … ON CONFLICT … DO UPDATE … WHERE}, instants as fixed-width text. */
  SQLITE("sqlite"),
  /**
   * Any other JDBC database: standard SQL only, new rows are inserted after the page's existing
   * rows were read in the same transaction, so two writers racing on one new id make one of the
   * pages fail (and roll back) instead of merging; leases prevent that in normal use.
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
   * The classpath resource holding this dialect's DDL, e.g.
   * {@code io/syncline/jdbc/schema/postgresql.sql}; it contains the placeholder {@code ${prefix}}.
   *
   * @return the resource path
   */
  public String schemaResource() {
    return "io/syncline/jdbc/schema/" + file + ".sql";
  }
}
