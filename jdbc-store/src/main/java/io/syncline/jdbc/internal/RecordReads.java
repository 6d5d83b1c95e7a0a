package io.syncline.jdbc.internal;

import io.syncline.spi.StoredRecord;
import io.syncline.spi.Visibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The record table's reads: counts, one record by id, and streams in id order (the primary key's
 * order, so never sorted), live records only or all. The caller validates names, retries outages
 * and maps failures. Stateless and thread-safe.
 */
public final class RecordReads {
  private static final String LIVE = " AND deleted_at IS NULL";
  private static final String COLUMNS = "SELECT resource, id, payload, updated_at, fetched_at, synced_at, deleted_at FROM ";

  private final SqlDialect sql;
  private final int fetchSize;

  /**
   * @param sql the store's dialect
   * @param fetchSize rows a stream reads at a time
   */
  public RecordReads(SqlDialect sql, int fetchSize) {
    this.sql = sql;
    this.fetchSize = fetchSize;
  }

  /**
   * @param h a handle
   * @param resource the resource
   * @param visibility live records only, or all
   * @return how many records the resource holds
   */
  public long count(Handle h, String resource, Visibility visibility) {
    return h.createQuery("SELECT COUNT(*) FROM " + sql.recordTable() + " WHERE resource = :resource" + only(visibility))
        .bind("resource", resource).mapTo(Long.class).one();
  }

  /**
   * @param h a handle
   * @param resource the resource
   * @param id the record's id
   * @param visibility live records only, or all
   * @return the record, if stored (and live, unless all are asked for)
   */
  public Optional<StoredRecord> find(Handle h, String resource, String id, Visibility visibility) {
    return h.createQuery(COLUMNS + sql.recordTable() + " WHERE resource = :resource AND id_sort = :idSort AND id = :id"
            + only(visibility))
        .bind("resource", resource).bind("idSort", IdSortKey.of(id)).bind("id", id)
        .map((rs, ctx) -> toRecord(rs)).findOne();
  }

  /**
   * Opens a stream of a resource's records in id order on a handle that serves only the stream;
   * closing the stream ends the stream's transaction, if any, and closes the handle. On failure
   * the handle is rolled back and closed before the failure is rethrown.
   *
   * @param handle a fresh, configured handle
   * @param resource the resource
   * @param visibility live records only, or all
   * @return the records
   */
  public Stream<StoredRecord> stream(Handle handle, String resource, Visibility visibility) {
    return open(handle, resource, only(visibility), q -> q);
  }

  /**
   * Like {@link #stream(Handle, String, Visibility)}, for the live records whose {@code updated_at}
   * lies in {@code [from, to)}.
   *
   * @param handle a fresh, configured handle
   * @param resource the resource
   * @param from the inclusive lower bound
   * @param to the exclusive upper bound
   * @return the records
   */
  public Stream<StoredRecord> stream(Handle handle, String resource, Instant from, Instant to) {
    return open(handle, resource, " AND updated_at >= :from AND updated_at < :to" + LIVE,
        q -> SqlDialect.bindInstant(SqlDialect.bindInstant(q, "from", from), "to", to));
  }

  private Stream<StoredRecord> open(Handle h, String resource, String condition, Function<Query, Query> bindMore) {
    try {
      // PostgreSQL needs a read transaction to use a cursor, H2 lazy execution; elsewhere a read
      // transaction is not needed (and on SQLite in IMMEDIATE mode it would block writers).
      sql.beginStream(h);
      Query query = bindMore.apply(h.createQuery(COLUMNS + sql.streamSource(h) + " WHERE resource = :resource"
              + condition
              // the primary key's order: read in order, never sorted
              + " ORDER BY resource, id_sort, id")
          .bind("resource", resource))
          .setFetchSize(sql.streamFetchSize(fetchSize));
      return query.map((rs, ctx) -> toRecord(rs)).stream().onClose(() -> {
        try {
          sql.endStream(h);
        } finally {
          h.close();
        }
      });
    } catch (RuntimeException e) {
      try {
        if (h.isInTransaction()) {
          h.rollback();
        }
      } catch (RuntimeException ignored) {
        // the original failure matters more
      }
      h.close();
      throw e;
    }
  }

  private StoredRecord toRecord(ResultSet rs) throws SQLException {
    return new StoredRecord(rs.getString("resource"), rs.getString("id"), rs.getString("payload"),
        Optional.ofNullable(sql.instant(rs, "updated_at")), sql.instant(rs, "fetched_at"), sql.instant(rs, "synced_at"),
        Optional.ofNullable(sql.instant(rs, "deleted_at")));
  }

  private static String only(Visibility visibility) {
    return visibility == Visibility.ALL ? "" : LIVE;
  }
}
