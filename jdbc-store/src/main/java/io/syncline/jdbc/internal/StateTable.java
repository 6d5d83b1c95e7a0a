package io.syncline.jdbc.internal;

import io.syncline.Checkpoint;
import io.syncline.Cursor;
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
 * for its lease and reads as "never synced". Stateless and thread-safe.
 */
public final class StateTable {
  /** The schema version this release writes. */
  public static final int SCHEMA_VERSION = Migrations.latest();

  private final StoreSql sql;
  private final Params params;

  /**
   * @param sql the store's SQL
   * @param params the store's binders
   */
  public StateTable(StoreSql sql, Params params) {
    this.sql = sql;
    this.params = params;
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
      handle.createUpdate(statement).bind(0, params.text(resource)).bind(1, params.integer(SCHEMA_VERSION))
          .execute();
      return;
    }
    boolean exists = handle.createQuery("SELECT COUNT(*) FROM " + sql.stateTable() + " WHERE resource = ?")
        .bind(0, params.text(resource)).mapTo(Long.class).one() > 0;
    if (!exists) {
      handle.createUpdate(sql.insertState()).bind(0, params.text(resource))
          .bind(1, params.integer(SCHEMA_VERSION)).execute();
    }
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
    ensureRow(handle, state.resource());
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
    Update update = handle.createUpdate(sql.updateState(fence.isPresent()))
        .bind(0, params.text(state.lastMode().name()))
        .bind(1, params.text(state.status().name()))
        .bind(2, params.instant(lastUpdatedAt))
        .bind(3, params.text(lastId))
        .bind(4, params.instant(state.lastSuccessAt().orElse(null)))
        .bind(5, params.instant(state.lastBackfillAt().orElse(null)))
        .bind(6, params.text(state.checkpoint().map(Checkpoint::encode).orElse(null)))
        .bind(7, params.text(state.lastError().orElse(null)))
        .bind(8, params.integer(SCHEMA_VERSION))
        .bind(9, params.text(state.validator().map(Validator::encode).orElse(null)))
        .bind(10, params.count(state.lastTraffic().requests()))
        .bind(11, params.count(state.lastTraffic().notModified()))
        .bind(12, params.count(state.lastTraffic().wireBytes()))
        .bind(13, params.count(state.lastTraffic().decodedBytes()))
        .bind(14, params.text(state.resource()));
    fence.ifPresent(lease -> update.bind(15, params.text(lease.owner())));
    if (update.execute() == 0 && fence.isPresent()) {
      // The lease was taken over: throwing rolls the page back with it.
      throw new LeaseLostException(state.resource(), fence.get().owner());
    }
  }

  /**
   * Reads a state.
   *
   * @param handle a handle
   * @param resource the resource
   * @return the state, empty when none was saved
   */
  public Optional<SyncState> read(Handle handle, String resource) {
    TimeCodec time = params.time();
    return handle.createQuery(sql.selectState()).bind(0, params.text(resource)).map((rs, ctx) -> {
      Instant lastUpdatedAt = time.get(rs, "last_updated_at");
      String lastId = rs.getString("last_id");
      Optional<Cursor> cursor = lastUpdatedAt != null
          ? Optional.of(new Cursor.Timestamped(lastUpdatedAt, Optional.ofNullable(lastId)))
          : Optional.ofNullable(lastId).map(Cursor.IdOnly::new);
      return new SyncState(resource,
          SyncMode.valueOf(rs.getString("last_mode")),
          SyncStatus.valueOf(rs.getString("status")),
          cursor,
          Optional.ofNullable(time.get(rs, "last_success_at")),
          Optional.ofNullable(time.get(rs, "last_backfill_at")),
          Optional.ofNullable(rs.getString("checkpoint")).map(Checkpoint::decode),
          Optional.ofNullable(rs.getString("last_error")),
          Optional.ofNullable(rs.getString("validator")).map(Validator::decode),
          new Traffic(rs.getLong("last_requests"), rs.getLong("last_not_modified"), rs.getLong("last_wire_bytes"),
              rs.getLong("last_decoded_bytes")));
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
    return handle.createUpdate(sql.acquireLease())
        .bind(0, params.text(owner)).bind(1, params.instant(expiresAt)).bind(2, params.text(resource))
        .bind(3, params.text(owner)).bind(4, params.instant(now))
        .execute() == 1;
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
    return handle.createUpdate(sql.renewLease()).bind(0, params.instant(expiresAt))
        .bind(1, params.text(lease.resource())).bind(2, params.text(lease.owner())).execute() == 1;
  }

  /**
   * Releases a lease if held.
   *
   * @param handle a handle
   * @param lease the lease
   */
  public void release(Handle handle, Lease lease) {
    handle.createUpdate(sql.releaseLease()).bind(0, params.text(lease.resource()))
        .bind(1, params.text(lease.owner())).execute();
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
    return handle.createQuery(sql.selectLease()).bind(0, params.text(resource)).bind(1, params.instant(now))
        .map((rs, ctx) -> new Lease(resource, rs.getString("lease_owner"), params.time().get(rs, "lease_expires_at")))
        .findOne();
  }
}
