package io.syncline.jdbc.internal;

import io.syncline.Checkpoint;
import io.syncline.Cursor;
import io.syncline.DeletionProgress;
import io.syncline.LeaseLostException;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.SyncStatus;
import io.syncline.Traffic;
import io.syncline.Validator;
import io.syncline.spi.Lease;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Reads and writes {@code sync_state} rows: the state columns and, separately, the lease columns
 * (a state write never touches the lease, and the reverse). The cursor is kept in two columns,
 * {@code last_updated_at} and {@code last_id}: a timestamped cursor has {@code last_updated_at},
 * an id-only cursor has only {@code last_id}. A row whose {@code last_mode} is NULL exists only
 * for its lease (or is the schema's own row, {@link Migrations#SCHEMA_ROW}) and reads as "never
 * synced". Stateless and thread-safe.
 */
public final class StateTable {
  private final SqlDialect sql;
  private final String table;

  /** @param sql the store's dialect */
  public StateTable(SqlDialect sql) {
    this.sql = sql;
    this.table = sql.stateTable();
  }

  /**
   * Creates the resource's row if missing.
   *
   * @param handle a handle
   * @param resource the resource
   */
  public void ensureRow(Handle handle, String resource) {
    String statement = sql.insertStateIfMissing();
    if (statement != null) {
      handle.createUpdate(statement).bind("resource", resource).bind("version", Migrations.latest()).execute();
      return;
    }
    if (!exists(handle, resource)) {
      handle.createUpdate("INSERT INTO " + table + " (resource, schema_version) VALUES (:resource, :version)")
          .bind("resource", resource).bind("version", Migrations.latest()).execute();
    }
  }

  /**
   * @param handle a handle
   * @param resource the resource
   * @return whether its row exists
   */
  public boolean exists(Handle handle, String resource) {
    return handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE resource = :resource")
        .bind("resource", resource).mapTo(Long.class).one() > 0;
  }

  /**
   * Writes a resource's state (creating its row if missing).
   *
   * @param handle the handle, inside the page's transaction when written with a page
   * @param state the state
   * @param fence the writer's lease, if the write must be refused once another owner holds it
   * @throws LeaseLostException when {@code fence} is given and its owner no longer holds the lease
   */
  public void save(Handle handle, SyncState state, Optional<Lease> fence) {
    // The row exists after a resource's first page: update it first, create it only when missing
    // (one statement a page, not two). Without a row there is no lease either, so a fenced write
    // that finds none has lost its lease.
    if (update(handle, state, fence) == 0) {
      if (fence.isPresent()) {
        throw new LeaseLostException(state.resource(), fence.get().owner());
      }
      ensureRow(handle, state.resource());
      update(handle, state, fence);
    }
  }

  private int update(Handle handle, SyncState state, Optional<Lease> fence) {
    Instant lastUpdatedAt = null;
    String lastId = null;
    if (state.cursor().isPresent()) {
      Cursor c = state.cursor().get();
      if (c instanceof Cursor.Timestamped t) {
        lastUpdatedAt = t.updatedAt();
        lastId = t.id().orElse(null);
      } else if (c instanceof Cursor.IdOnly i) {
        lastId = i.id();
      }
    }
    Update update = handle.createUpdate("UPDATE " + table + " SET last_mode = :mode, status = :status,"
            + " last_updated_at = :lastUpdatedAt, last_id = :lastId, last_success_at = :lastSuccessAt,"
            + " last_backfill_at = :lastBackfillAt, checkpoint = :checkpoint, last_error = :lastError,"
            + " schema_version = :version, validator = :validator, last_requests = :requests,"
            + " last_not_modified = :notModified, last_wire_bytes = :wireBytes, last_decoded_bytes = :decodedBytes,"
            + " deletion_cursor = :deletionCursor, last_sweep_at = :lastSweepAt"
            + " WHERE resource = :resource"
            + (fence.isPresent() ? " AND lease_owner = :owner" : ""))
        .bind("mode", state.lastMode().name())
        .bind("status", state.status().name())
        .bind("lastId", lastId)
        .bind("checkpoint", state.checkpoint().map(Checkpoint::encode).orElse(null))
        .bind("lastError", state.lastError().orElse(null))
        .bind("version", Migrations.latest())
        .bind("validator", state.validator().map(Validator::encode).orElse(null))
        .bind("requests", state.lastTraffic().requests())
        .bind("notModified", state.lastTraffic().notModified())
        .bind("wireBytes", state.lastTraffic().wireBytes())
        .bind("decodedBytes", state.lastTraffic().decodedBytes())
        .bind("deletionCursor", state.deletions().feedCursor().map(Cursor::encode).orElse(null))
        .bind("resource", state.resource());
    SqlDialect.bindInstant(update, "lastUpdatedAt", lastUpdatedAt);
    SqlDialect.bindInstant(update, "lastSuccessAt", state.lastSuccessAt().orElse(null));
    SqlDialect.bindInstant(update, "lastBackfillAt", state.lastBackfillAt().orElse(null));
    SqlDialect.bindInstant(update, "lastSweepAt", state.deletions().lastSweepAt().orElse(null));
    fence.ifPresent(lease -> update.bind("owner", lease.owner()));
    return update.execute();
  }

  /**
   * Reads a state.
   *
   * @param handle a handle
   * @param resource the resource
   * @return the state, empty when none was saved
   */
  public Optional<SyncState> read(Handle handle, String resource) {
    return handle.createQuery("SELECT last_mode, status, last_updated_at, last_id, last_success_at,"
            + " last_backfill_at, checkpoint, last_error, validator, last_requests, last_not_modified,"
            + " last_wire_bytes, last_decoded_bytes, deletion_cursor, last_sweep_at FROM " + table
            + " WHERE resource = :resource AND last_mode IS NOT NULL")
        .bind("resource", resource).map((rs, ctx) -> {
          Instant lastUpdatedAt = sql.instant(rs, "last_updated_at");
          String lastId = rs.getString("last_id");
          Optional<Cursor> cursor = lastUpdatedAt != null
              ? Optional.of(new Cursor.Timestamped(lastUpdatedAt, Optional.ofNullable(lastId)))
              : Optional.ofNullable(lastId).map(Cursor.IdOnly::new);
          return new SyncState(resource,
              SyncMode.valueOf(rs.getString("last_mode")),
              SyncStatus.valueOf(rs.getString("status")),
              cursor,
              Optional.ofNullable(sql.instant(rs, "last_success_at")),
              Optional.ofNullable(sql.instant(rs, "last_backfill_at")),
              Optional.ofNullable(rs.getString("checkpoint")).map(Checkpoint::decode),
              Optional.ofNullable(rs.getString("last_error")),
              Optional.ofNullable(rs.getString("validator")).map(Validator::decode),
              new Traffic(rs.getLong("last_requests"), rs.getLong("last_not_modified"), rs.getLong("last_wire_bytes"),
                  rs.getLong("last_decoded_bytes")),
              new DeletionProgress(Optional.ofNullable(rs.getString("deletion_cursor")).map(Cursor::decode),
                  Optional.ofNullable(sql.instant(rs, "last_sweep_at"))));
        }).findOne();
  }

  /**
   * Takes a lease with one conditional UPDATE (the row must exist).
   *
   * @param handle a handle in auto-commit
   * @param resource the resource
   * @param owner the caller
   * @param now the current time
   * @param expiresAt the new expiry
   * @return true when the caller now holds the lease
   */
  public boolean acquire(Handle handle, String resource, String owner, Instant now, Instant expiresAt) {
    Update update = handle.createUpdate("UPDATE " + table + " SET lease_owner = :owner, lease_expires_at = :expiresAt"
            + " WHERE resource = :resource AND (lease_owner IS NULL OR lease_owner = :owner OR lease_expires_at <= :now)")
        .bind("owner", owner).bind("resource", resource);
    SqlDialect.bindInstant(update, "expiresAt", expiresAt);
    SqlDialect.bindInstant(update, "now", now);
    return update.execute() == 1;
  }

  /**
   * Extends a lease still held.
   *
   * @param handle a handle
   * @param lease the lease
   * @param expiresAt the new expiry
   * @return true when the caller still held it
   */
  public boolean renew(Handle handle, Lease lease, Instant expiresAt) {
    return SqlDialect.bindInstant(handle.createUpdate("UPDATE " + table + " SET lease_expires_at = :expiresAt"
                + " WHERE resource = :resource AND lease_owner = :owner"), "expiresAt", expiresAt)
        .bind("resource", lease.resource()).bind("owner", lease.owner()).execute() == 1;
  }

  /**
   * Releases a lease if held.
   *
   * @param handle a handle
   * @param lease the lease
   */
  public void release(Handle handle, Lease lease) {
    handle.createUpdate("UPDATE " + table + " SET lease_owner = NULL, lease_expires_at = NULL"
            + " WHERE resource = :resource AND lease_owner = :owner")
        .bind("resource", lease.resource()).bind("owner", lease.owner()).execute();
  }

  /**
   * Reads the unexpired lease.
   *
   * @param handle a handle
   * @param resource the resource
   * @param now the current time
   * @return the lease, if one is held
   */
  public Optional<Lease> current(Handle handle, String resource, Instant now) {
    return SqlDialect.bindInstant(handle.createQuery("SELECT lease_owner, lease_expires_at FROM " + table
                + " WHERE resource = :resource AND lease_owner IS NOT NULL AND lease_expires_at > :now"), "now", now)
        .bind("resource", resource)
        .map((rs, ctx) -> new Lease(resource, rs.getString("lease_owner"), sql.instant(rs, "lease_expires_at")))
        .findOne();
  }
}
