package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * PostgreSQL: one {@code INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE … WHERE …
 * RETURNING id, (xmax = 0)} per batch (the batch's columns travel as four arrays), then, only when
 * some records came back unchanged, one more {@code INSERT … ON CONFLICT DO UPDATE} moving their
 * {@code fetched_at}: both are planned on the primary key whatever the table's statistics. Payloads are {@code json} (the text as received); changes are found by
 * comparing the payload text in the server. The arrays travel in binary as {@code varchar[]}
 * (instants as ISO text), not as array literals the driver would escape character by character.
 */
final class PostgresqlDialect extends SqlDialect {
  private final String upsert;
  private final String touch;

  PostgresqlDialect(String prefix) {
    super(Dialect.POSTGRESQL, prefix);
    String t = recordTable();
    this.upsert = "INSERT INTO " + t + " AS r (" + COLUMNS + ")"
        + " SELECT :resource, s.id, s.id_sort, CAST(s.payload AS json), s.updated_at, :at, :at"
        + " FROM unnest(CAST(:ids AS text[]), CAST(:sorts AS text[]), CAST(:payloads AS text[]),"
        + " CAST(:updated AS timestamptz[])) AS s (id, id_sort, payload, updated_at)"
        + " ON CONFLICT (resource, id_sort, id) DO UPDATE SET payload = excluded.payload,"
        + " updated_at = excluded.updated_at, fetched_at = excluded.fetched_at, synced_at = excluded.synced_at,"
        + " deleted_at = NULL"
        + " WHERE " + replaces("r", "excluded")
        + " RETURNING r.id, (r.xmax = 0) AS inserted";
    // The fetched_at move is an upsert too, not an UPDATE … FROM unnest(…): its plan is the
    // arbiter index whatever the statistics say. A join to the table is planned from them, and on
    // a table never analyzed (autovacuum off) PostgreSQL took the resource for 145 rows and hashed
    // all 100,000 of it for every page. Its rows exist and stay locked: the upsert before it locked
    // every conflicting row, replaced or not, so nothing is ever inserted here.
    this.touch = "INSERT INTO " + t + " AS r (" + COLUMNS + ")"
        + " SELECT :resource, s.id, s.id_sort, CAST(s.payload AS json), s.updated_at, :at, :at"
        + " FROM unnest(CAST(:ids AS text[]), CAST(:sorts AS text[]), CAST(:payloads AS text[]),"
        + " CAST(:updated AS timestamptz[])) AS s (id, id_sort, payload, updated_at)"
        + " ON CONFLICT (resource, id_sort, id) DO UPDATE SET fetched_at = excluded.fetched_at";
  }

  @Override
  protected String replaces(String stored, String incoming) {
    // json has no equality operator; its text is the payload exactly as received.
    return super.replaces(stored, incoming).replace(stored + ".payload <> " + incoming + ".payload",
        "CAST(" + stored + ".payload AS text) <> CAST(" + incoming + ".payload AS text)");
  }

  @Override
  public WriteResult writeBatch(Handle tx, String resource, List<SourceRecord> batch, Instant at) {
    int n = batch.size();
    String[] ids = new String[n];
    String[] sorts = new String[n];
    String[] payloads = new String[n];
    String[] updated = new String[n];
    for (int i = 0; i < n; i++) {
      SourceRecord r = batch.get(i);
      ids[i] = r.id();
      sorts[i] = IdSortKey.of(r.id());
      payloads[i] = r.json();
      updated[i] = r.updatedAt().map(u -> IsoInstantText.format(stored(u))).orElse(null);
    }
    long[] inserted = {0};
    Set<String> written = new HashSet<>();
    bindInstant(tx.createQuery(upsert), "at", at)
        .bind("resource", resource).bind("ids", array(ids)).bind("sorts", array(sorts))
        .bind("payloads", array(payloads)).bind("updated", array(updated))
        .map((rs, ctx) -> {
          written.add(rs.getString(1));
          if (rs.getBoolean(2)) {
            inserted[0]++;
          }
          return null;
        }).forEach(ignored -> { });
    int unchanged = n - written.size();
    if (unchanged > 0) {
      String[] rest = new String[unchanged];
      String[] restSorts = new String[unchanged];
      String[] restPayloads = new String[unchanged];
      String[] restUpdated = new String[unchanged];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (!written.contains(ids[i])) {
          restSorts[k] = sorts[i];
          restPayloads[k] = payloads[i];
          restUpdated[k] = updated[i];
          rest[k++] = ids[i];
        }
      }
      bindInstant(tx.createUpdate(touch), "at", at).bind("resource", resource).bind("ids", array(rest))
          .bind("sorts", array(restSorts)).bind("payloads", array(restPayloads)).bind("updated", array(restUpdated))
          .execute();
    }
    return new WriteResult(inserted[0], written.size() - inserted[0], unchanged);
  }

  @Override
  public String insertStateIfMissing() {
    return "INSERT INTO " + stateTable() + " (resource, schema_version) VALUES (:resource, :version)"
        + " ON CONFLICT (resource) DO NOTHING";
  }

  @Override
  public void underMigrationLock(Handle handle, Consumer<Handle> migration) {
    // DDL is transactional here: the whole migration commits or not, one instance at a time.
    handle.useTransaction(tx -> {
      tx.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) l")
          .bind("key", lockKey(stateTable())).mapTo(Integer.class).one();
      migration.accept(tx);
    });
  }

  @Override
  public boolean tableExists(Handle handle, String table) {
    // A failed probe would abort the migration's transaction.
    return handle.createQuery("SELECT to_regclass(:t) IS NOT NULL").bind("t", table).mapTo(Boolean.class).one();
  }

  @Override
  public void beginStream(Handle handle) {
    // PostgreSQL honours the fetch size only outside auto-commit.
    handle.begin();
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
}
