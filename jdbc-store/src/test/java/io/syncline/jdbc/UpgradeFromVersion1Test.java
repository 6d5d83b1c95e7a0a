package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Checkpoint;
import io.syncline.Cursor;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.jdbc.internal.Migration;
import io.syncline.jdbc.internal.Migrations;
import io.syncline.jdbc.internal.SqlDialect;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.InMemoryRecordSource;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database written by Syncline 0.1.0 (schema version 1: its DDL, its rows with the SHA-256
 * column, its state row after a completed backfill) is migrated on first use and syncs on: the
 * next incremental sync brings changed and new records, and the store equals the source.
 */
class UpgradeFromVersion1Test {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  @TempDir
  Path dir;

  private Jdbi jdbi(String database) {
    return jdbi(database, dir);
  }

  /** A database of a kind ({@code h2}, {@code sqlite}, {@code pg}, {@code maria}), shared by the upgrade tests. */
  static Jdbi jdbi(String database, Path dir) {
    return switch (database) {
      case "h2" -> H2ContractTest.h2("jdbc:h2:mem:upgrade_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      case "sqlite" -> SqliteContractTest.sqlite(dir.resolve("upgrade.db"));
      case "pg" -> {
        TestServer.POSTGRESQL.assumeReachable();
        yield TestServer.POSTGRESQL.jdbi();
      }
      case "maria" -> {
        TestServer.MARIADB.assumeReachable();
        yield TestServer.MARIADB.jdbi();
      }
      default -> throw new IllegalArgumentException(database);
    };
  }

  static Dialect dialect(String database) {
    return switch (database) {
      case "h2" -> Dialect.H2;
      case "sqlite" -> Dialect.SQLITE;
      case "pg" -> Dialect.POSTGRESQL;
      default -> Dialect.MARIADB;
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "sqlite", "pg", "maria"})
  void aVersion1DatabaseIsMigratedOnFirstUseAndSyncsOn(String database) throws Exception {
    Jdbi jdbi = jdbi(database);
    String prefix = "slup" + database + "_" + ProcessHandle.current().pid() % 100_000 + "_" + COUNTER.incrementAndGet() + "_";
    MutableClock clock = new MutableClock(T0);
    InMemoryRecordSource source = new InMemoryRecordSource(clock);
    Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(7).build();
    for (int i = 1; i <= 40; i++) {
      source.put("orders", i, T0.minus(Duration.ofHours(5)).plusSeconds(i * 60L));
    }
    // What 0.1.0 left behind: a completed backfill, kept in version-1 tables.
    InMemoryRecordStore old = new InMemoryRecordStore();
    SyncEngine.builder(source, old).resource(orders).clock(clock).build().backfill(orders);
    writeVersion1(jdbi, dialect(database), prefix, old);
    JdbcRecordStore store = JdbcRecordStore.builder(jdbi).tablePrefix(prefix).build();
    try {
      assertThat(store.schemaVersion()).isEqualTo(1);

      clock.advance(Duration.ofMinutes(10));
      source.put("orders", 3, clock.instant().minusSeconds(30));   // changed
      source.put("orders", 41, clock.instant().minusSeconds(20));  // new
      source.put("orders", 42, clock.instant().minusSeconds(10));  // new
      clock.advance(Duration.ofMinutes(1));
      SyncEngine engine = SyncEngine.builder(source, store).resource(orders).clock(clock).build();
      var result = engine.incremental(orders);

      assertThat(store.schemaVersion()).isEqualTo(JdbcRecordStore.latestSchemaVersion()).isEqualTo(Migrations.latest());
      assertThat(result.inserted()).isEqualTo(2);
      assertThat(result.updated()).isEqualTo(1);
      Map<String, String> stored = new TreeMap<>(io.syncline.IdOrder.INSTANCE);
      try (Stream<StoredRecord> s = store.stream("orders")) {
        s.forEach(r -> stored.put(r.id(), r.json()));
      }
      assertThat(stored).isEqualTo(source.snapshot("orders"));
      assertThat(store.state("orders").orElseThrow().lastBackfillAt()).isEqualTo(old.state("orders").orElseThrow().lastBackfillAt());
      // Migrating again is a no-op.
      store.migrate();
      assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
      assertThat(store.count("orders")).isEqualTo(42);
    } finally {
      jdbi.useHandle(h -> {
        h.execute("DROP TABLE IF EXISTS " + store.recordTable());
        h.execute("DROP TABLE IF EXISTS " + store.stateTable());
        h.execute("DROP TABLE IF EXISTS " + store.rejectedTable());
      });
    }
  }

  /** Creates the version-1 tables and writes the records and state as 0.1.0 stored them. */
  private static void writeVersion1(Jdbi jdbi, Dialect dialect, String prefix, InMemoryRecordStore old) {
    SqlDialect sql = SqlDialect.of(dialect, prefix);
    jdbi.useHandle(raw -> {
      Handle h = sql.configure(raw);
      new Migration(1, "baseline").statements(dialect, prefix).forEach(h::execute);
      try (Stream<StoredRecord> records = old.stream("orders")) {
        for (StoredRecord r : (Iterable<StoredRecord>) records::iterator) {
          Update insert = h.createUpdate("INSERT INTO " + prefix + "sync_record (resource, id, id_sort, payload,"
                  + " payload_hash, updated_at, fetched_at, synced_at) VALUES (:resource, :id, :idSort, "
                  + (dialect == Dialect.POSTGRESQL ? "CAST(:payload AS json)" : ":payload")
                  + ", :hash, :updatedAt, :fetchedAt, :syncedAt)")
              .bind("resource", r.resource()).bind("id", r.id()).bind("idSort", idSort(r.id()))
              .bind("payload", r.json()).bind("hash", sha256(r.json()));
          SqlDialect.bindInstant(insert, "updatedAt", r.updatedAt().orElse(null));
          SqlDialect.bindInstant(insert, "fetchedAt", r.fetchedAt());
          SqlDialect.bindInstant(insert, "syncedAt", r.syncedAt());
          insert.execute();
        }
      }
      SyncState state = old.state("orders").orElseThrow();
      assertThat(state.lastMode()).isEqualTo(SyncMode.BACKFILL);
      Cursor.Timestamped cursor = (Cursor.Timestamped) state.cursor().orElseThrow();
      Update insert = h.createUpdate("INSERT INTO " + prefix + "sync_state (resource, last_mode, status,"
              + " last_updated_at, last_id, last_success_at, last_backfill_at, checkpoint, last_error, schema_version)"
              + " VALUES (:resource, :mode, :status, :lastUpdatedAt, :lastId, :lastSuccessAt, :lastBackfillAt,"
              + " :checkpoint, NULL, 1)")
          .bind("resource", "orders").bind("mode", state.lastMode().name()).bind("status", state.status().name())
          .bind("lastId", cursor.id().orElse(null))
          .bind("checkpoint", state.checkpoint().map(Checkpoint::encode).orElse(null));
      SqlDialect.bindInstant(insert, "lastUpdatedAt", cursor.updatedAt());
      SqlDialect.bindInstant(insert, "lastSuccessAt", state.lastSuccessAt().orElse(null));
      SqlDialect.bindInstant(insert, "lastBackfillAt", state.lastBackfillAt().orElse(null));
      insert.execute();
    });
  }

  private static String idSort(String id) {
    return io.syncline.jdbc.internal.IdSortKey.of(id);
  }

  private static String sha256(String json) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
