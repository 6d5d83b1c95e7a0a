package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.jdbc.internal.Migrations;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RejectedRecord;
import io.syncline.spi.SourceRecord;
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
 * A database at schema version 5 (before records set aside: no {@code rejected_record} table) is
 * brought to the latest version on first use: its records and state are kept, and a page's
 * rejected records are stored from then on.
 */
class UpgradeFromVersion5Test {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Resource ORDERS = Resource.builder("orders").cursorField("updated_at").build();

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "sqlite", "pg", "maria"})
  void aVersion5DatabaseGetsTheRejectedRecordTableAndKeepsItsRecords(String database) {
    Jdbi jdbi = UpgradeFromVersion1Test.jdbi(database, dir);
    String prefix = "slrej" + database + "_" + ProcessHandle.current().pid() % 100_000 + "_"
        + COUNTER.incrementAndGet() + "_";
    JdbcRecordStore first = JdbcRecordStore.builder(jdbi).tablePrefix(prefix).build();
    try {
      SyncState state = SyncState.initial("orders").running(SyncMode.BACKFILL);
      first.write(new PageWrite(ORDERS, List.of(rec("1"), rec("2")), state, T0));
      // What version 5 looked like: the same tables without the rejected records' table.
      jdbi.useHandle(h -> {
        h.execute("DROP TABLE " + first.rejectedTable());
        h.execute("UPDATE " + first.stateTable() + " SET schema_version = 5 WHERE resource = '"
            + Migrations.SCHEMA_ROW + "'");
      });
      JdbcRecordStore store = JdbcRecordStore.builder(jdbi).tablePrefix(prefix).build();
      assertThat(store.schemaVersion()).isEqualTo(5);

      store.migrate();

      assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
      assertThat(store.count("orders")).isEqualTo(2);
      assertThat(store.state("orders")).contains(state);
      assertThat(store.countRejected("orders")).isZero();
      var result = store.write(new PageWrite(ORDERS, List.of(rec("3")), state, T0.plusSeconds(60), Optional.empty(),
          List.of(), List.of(RejectedRecord.of("orders", 4, "id", "record 2 of the page has no id", null,
              "{\"name\":\"no id\"}"))));
      assertThat(result.inserted()).isEqualTo(1);
      assertThat(result.rejected()).isEqualTo(1);
      assertThat(store.rejected("orders", 10)).extracting(RejectedRecord::payload)
          .containsExactly("{\"name\":\"no id\"}");
      store.migrate();
      assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
      assertThat(store.countRejected("orders")).isEqualTo(1);
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
