package io.syncline.jdbc.internal;

import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Upserts a page's records inside the caller's transaction, batch by batch: one SELECT of the
 * batch's stored versions (id, updated_at, payload hash), classification in Java (so the counts
 * are exact on every dialect), then at most four JDBC batches: guarded inserts, guarded updates
 * with and without a timestamp, and {@code fetched_at} touches. Stateless and thread-safe.
 */
public final class PageWriter {
  private final StoreSql sql;
  private final Params params;
  private final int batchSize;

  /**
   * @param sql the store's SQL
   * @param params the store's binders
   * @param batchSize records per JDBC batch
   */
  public PageWriter(StoreSql sql, Params params, int batchSize) {
    this.sql = sql;
    this.params = params;
    this.batchSize = batchSize;
  }

  private record Version(Instant updatedAt, String hash) {}

  private enum Op { INSERT, UPDATE, TOUCH }

  private record Pending(Op op, SourceRecord record, Instant updatedAt, String hash) {}

  /**
   * Writes the records of a page; the caller commits or rolls back.
   *
   * @param handle a handle inside a transaction
   * @param write the page
   * @return the counts
   */
  public WriteResult write(Handle handle, PageWrite write) {
    String resource = write.resource().name();
    Instant at = write.fetchedAt();
    List<SourceRecord> records = write.records();
    WriteResult total = WriteResult.EMPTY;
    for (int from = 0; from < records.size(); from += batchSize) {
      List<SourceRecord> batch = records.subList(from, Math.min(records.size(), from + batchSize));
      total = total.plus(writeBatch(handle, resource, batch, at));
    }
    return total;
  }

  private WriteResult writeBatch(Handle handle, String resource, List<SourceRecord> batch, Instant at) {
    Map<String, Version> stored = readStored(handle, resource, batch);
    Map<String, Pending> pending = new LinkedHashMap<>();
    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    for (SourceRecord rec : batch) {
      Instant updatedAt = rec.updatedAt().map(TimeCodec::stored).orElse(null);
      String hash = PayloadHash.of(rec.json());
      Pending earlier = pending.get(rec.id());
      Version current = earlier != null && earlier.op != Op.TOUCH
          ? new Version(earlier.updatedAt, earlier.hash)
          : stored.get(rec.id());
      if (current == null) {
        inserted++;
        pending.put(rec.id(), new Pending(Op.INSERT, rec, updatedAt, hash));
        continue;
      }
      boolean older = updatedAt != null && current.updatedAt != null && updatedAt.isBefore(current.updatedAt);
      boolean same = hash.equals(current.hash) && java.util.Objects.equals(updatedAt, current.updatedAt);
      if (older || same) {
        unchanged++;
        pending.putIfAbsent(rec.id(), new Pending(Op.TOUCH, rec, updatedAt, hash));
      } else {
        updated++;
        Op op = stored.containsKey(rec.id()) ? Op.UPDATE : Op.INSERT;
        pending.put(rec.id(), new Pending(op, rec, updatedAt, hash));
      }
    }
    execute(handle, resource, pending.values(), at);
    return new WriteResult(inserted, updated, unchanged);
  }

  private Map<String, Version> readStored(Handle handle, String resource, List<SourceRecord> batch) {
    List<String> ids = batch.stream().map(SourceRecord::id).distinct().toList();
    Query query = handle.createQuery(sql.selectExisting(ids.size()));
    if (sql.existingByArray()) {
      query.bind(0, params.textArray(ids)).bind(1, params.text(resource));
    } else {
      query.bind(0, params.text(resource));
      for (int i = 0; i < ids.size(); i++) {
        query.bind(i + 1, params.text(ids.get(i)));
      }
    }
    Map<String, Version> stored = new HashMap<>();
    query.map((rs, ctx) -> {
      stored.put(rs.getString("id"),
          new Version(params.time().get(rs, "updated_at"), rs.getString("payload_hash").trim()));
      return null;
    }).forEach(ignored -> { });
    return stored;
  }

  private void execute(Handle handle, String resource, Iterable<Pending> pending, Instant at) {
    List<Pending> inserts = new ArrayList<>();
    List<Pending> guardedUpdates = new ArrayList<>();
    List<Pending> plainUpdates = new ArrayList<>();
    List<Pending> touches = new ArrayList<>();
    for (Pending p : pending) {
      switch (p.op) {
        case INSERT -> inserts.add(p);
        case UPDATE -> (p.updatedAt != null ? guardedUpdates : plainUpdates).add(p);
        case TOUCH -> touches.add(p);
      }
    }
    // The same lock order in every writer keeps two writers on the same ids from deadlocking.
    java.util.Comparator<Pending> byId = java.util.Comparator.comparing(p -> p.record.id());
    inserts.sort(byId);
    guardedUpdates.sort(byId);
    plainUpdates.sort(byId);
    touches.sort(byId);
    if (!inserts.isEmpty()) {
      PreparedBatch b = handle.prepareBatch(sql.insertRecord());
      for (Pending p : inserts) {
        b.bind(0, params.text(resource)).bind(1, params.text(p.record.id()))
            .bind(2, params.text(IdSortKey.of(p.record.id()))).bind(3, params.text(p.record.json()))
            .bind(4, params.text(p.hash)).bind(5, params.instant(p.updatedAt))
            .bind(6, params.instant(at)).bind(7, params.instant(at)).add();
      }
      b.execute();
    }
    update(handle, resource, guardedUpdates, at, true);
    update(handle, resource, plainUpdates, at, false);
    if (!touches.isEmpty()) {
      PreparedBatch b = handle.prepareBatch(sql.touchRecord());
      for (Pending p : touches) {
        b.bind(0, params.instant(at)).bind(1, params.text(resource)).bind(2, params.text(p.record.id())).add();
      }
      b.execute();
    }
  }

  private void update(Handle handle, String resource, List<Pending> updates, Instant at, boolean guarded) {
    if (updates.isEmpty()) {
      return;
    }
    PreparedBatch b = handle.prepareBatch(sql.updateRecord(guarded));
    for (Pending p : updates) {
      b.bind(0, params.text(p.record.json())).bind(1, params.text(p.hash))
          .bind(2, params.instant(p.updatedAt)).bind(3, params.instant(at)).bind(4, params.instant(at))
          .bind(5, params.text(resource)).bind(6, params.text(p.record.id()));
      if (guarded) {
        b.bind(7, params.instant(p.updatedAt));
      }
      b.add();
    }
    b.execute();
  }
}
