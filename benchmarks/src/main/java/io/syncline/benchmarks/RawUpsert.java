package io.syncline.benchmarks;

import io.syncline.spi.SourceRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * The write-only limit: plain JDBC {@code executeBatch} upserts, one transaction per batch, into
 * a table with the columns a sync must at least keep (resource, id, payload as the same column
 * type Syncline uses, {@code updated_at}, {@code fetched_at}; primary key resource + id).
 *
 * <p>It is the dialect's native unconditional upsert ({@code ON CONFLICT DO UPDATE},
 * {@code ON DUPLICATE KEY UPDATE}, {@code MERGE ... KEY}): no lookup of the stored version, no
 * hash, no guard against older versions, no state row. That is what makes it a limit rather than a
 * competitor. Not thread-safe.
 */
public final class RawUpsert {
  private final Database db;
  private final String table;

  /**
   * Describes the raw table.
   *
   * @param db the database
   * @param table the table's name
   */
  public RawUpsert(Database db, String table) {
    this.db = db;
    this.table = table;
  }

  /**
   * Drops and creates the table.
   *
   * @param ds the database
   * @throws SQLException on failure
   */
  public void recreate(DataSource ds) throws SQLException {
    String ddl = switch (db) {
      case H2 -> "CREATE TABLE " + table + " (resource VARCHAR(63) NOT NULL, id VARCHAR(255) NOT NULL,"
          + " payload CHARACTER VARYING NOT NULL, updated_at TIMESTAMP(6) WITH TIME ZONE,"
          + " fetched_at TIMESTAMP(6) WITH TIME ZONE NOT NULL, PRIMARY KEY (resource, id))";
      case SQLITE -> "CREATE TABLE " + table + " (resource TEXT NOT NULL, id TEXT NOT NULL, payload TEXT NOT NULL,"
          + " updated_at TEXT, fetched_at TEXT NOT NULL, PRIMARY KEY (resource, id))";
      case POSTGRESQL -> "CREATE TABLE " + table + " (resource VARCHAR(63) NOT NULL,"
          + " id VARCHAR(255) COLLATE \"C\" NOT NULL, payload JSON NOT NULL, updated_at TIMESTAMPTZ,"
          + " fetched_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (resource, id))";
      case MARIADB -> "CREATE TABLE " + table + " (resource VARCHAR(63) NOT NULL, id VARCHAR(255) NOT NULL,"
          + " payload LONGTEXT NOT NULL, updated_at DATETIME(6), fetched_at DATETIME(6) NOT NULL,"
          + " PRIMARY KEY (resource, id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    };
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute(ddl);
    }
  }

  /**
   * Drops the table.
   *
   * @param ds the database
   * @throws SQLException on failure
   */
  public void drop(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  private String upsertSql() {
    return switch (db) {
      case H2 -> "MERGE INTO " + table + " (resource, id, payload, updated_at, fetched_at) KEY (resource, id)"
          + " VALUES (?, ?, ?, ?, ?)";
      case SQLITE -> "INSERT INTO " + table + " (resource, id, payload, updated_at, fetched_at) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (resource, id) DO UPDATE SET payload = excluded.payload,"
          + " updated_at = excluded.updated_at, fetched_at = excluded.fetched_at";
      case POSTGRESQL -> "INSERT INTO " + table + " (resource, id, payload, updated_at, fetched_at)"
          + " VALUES (?, ?, CAST(? AS JSON), ?, ?) ON CONFLICT (resource, id) DO UPDATE SET payload = excluded.payload,"
          + " updated_at = excluded.updated_at, fetched_at = excluded.fetched_at";
      case MARIADB -> "INSERT INTO " + table + " (resource, id, payload, updated_at, fetched_at) VALUES (?, ?, ?, ?, ?)"
          + " ON DUPLICATE KEY UPDATE payload = VALUES(payload), updated_at = VALUES(updated_at),"
          + " fetched_at = VALUES(fetched_at)";
    };
  }

  /**
   * Upserts records in batches, committing after each.
   *
   * @param ds the database
   * @param resource the resource column's value
   * @param records the records
   * @param batchSize records per batch and transaction
   * @throws SQLException on failure
   */
  public void write(DataSource ds, String resource, List<SourceRecord> records, int batchSize) throws SQLException {
    Instant fetchedAt = Instant.now();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(upsertSql())) {
      c.setAutoCommit(false);
      int inBatch = 0;
      for (SourceRecord r : records) {
        ps.setString(1, resource);
        ps.setString(2, r.id());
        ps.setString(3, r.json());
        setTime(ps, 4, r.updatedAt().orElse(null));
        setTime(ps, 5, fetchedAt);
        ps.addBatch();
        if (++inBatch == batchSize) {
          ps.executeBatch();
          c.commit();
          inBatch = 0;
        }
      }
      if (inBatch > 0) {
        ps.executeBatch();
        c.commit();
      }
      c.setAutoCommit(true);
    }
  }

  private void setTime(PreparedStatement ps, int index, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(index, db == Database.SQLITE ? Types.VARCHAR : Types.TIMESTAMP);
      return;
    }
    switch (db) {
      case SQLITE -> ps.setString(index, t.toString());
      case MARIADB -> ps.setObject(index, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
      default -> ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    }
  }
}
