package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.jdbc.internal.Migrations;
import io.syncline.spi.Deletion;
import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.Visibility;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database at schema version 3 (before deletions: no {@code deleted_at}, {@code swept_at},
 * {@code deletion_cursor}, {@code last_sweep_at})
 * is brought to the latest version on first use: its records are all live, and deletions work on them.
 */
class UpgradeFromVersion3Test {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Resource ORDERS = Resource.builder("orders").cursorField("updated_at").build();

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "sqlite", "pg", "maria"})
  void aVersion3DatabaseGetsDeletionColumnsWithEveryRecordLive(String database) {
    Jdbi jdbi = UpgradeFromVersion1Test.jdbi(database, dir);
    String prefix = "sldel" + database + "_" + ProcessHandle.current().pid() % 100_000 + "_"
        + COUNTER.incrementAndGet() + "_";
    JdbcRecordStore first = JdbcRecordStore.builder(jdbi).tablePrefix(prefix).build();
    try {
      first.write(new PageWrite(ORDERS, List.of(rec("1"), rec("2"), rec("3")),
          SyncState.initial("orders").running(SyncMode.BACKFILL), T0));
      // What version 3 looked like: the same tables without the deletion columns.
      jdbi.useHandle(h -> {
        h.execute("ALTER TABLE " + first.recordTable() + " DROP COLUMN deleted_at");
        h.execute("ALTER TABLE " + first.recordTable() + " DROP COLUMN swept_at");
        h.execute("ALTER TABLE " + first.stateTable() + " DROP COLUMN deletion_cursor");
        h.execute("ALTER TABLE " + first.stateTable() + " DROP COLUMN last_sweep_at");
        h.execute("UPDATE " + first.stateTable() + " SET schema_version = 3 WHERE resource = '"
            + Migrations.SCHEMA_ROW + "'");
      });
      JdbcRecordStore store = JdbcRecordStore.builder(jdbi).tablePrefix(prefix).build();
      assertThat(store.schemaVersion()).isEqualTo(3);

      store.migrate();

      assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
      assertThat(store.count("orders")).isEqualTo(3);
      var result = store.write(new PageWrite(ORDERS, List.of(), SyncState.initial("orders").running(SyncMode.INCREMENTAL),
          T0.plusSeconds(60), Optional.empty(), List.of(new Deletion("2", T0.plusSeconds(30)))));
      assertThat(result.deleted()).isEqualTo(1);
      assertThat(store.count("orders")).isEqualTo(2);
      assertThat(store.count("orders", Visibility.ALL)).isEqualTo(3);
      store.migrate();
      assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
    } finally {
      jdbi.useHandle(h -> {
        h.execute("DROP TABLE IF EXISTS " + first.recordTable());
        h.execute("DROP TABLE IF EXISTS " + first.stateTable());
        h.execute("DROP TABLE IF EXISTS " + first.rejectedTable());
      });
    }
  }

  private static SourceRecord rec(String id) {
    return SourceRecord.of(id, T0, "{\"id\":" + id + "}");
  }
}
