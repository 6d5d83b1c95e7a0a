package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.jdbc.internal.Migrations;
import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * On H2 every stream of records, an {@code updated_at} range included, reads the primary key in
 * order, so the record table keeps no other index (each one costs every write): a fresh database
 * has none, and one at version 6 loses its {@code (resource, updated_at)} index and still streams
 * ranges.
 */
class H2IndexesTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Resource ORDERS = Resource.builder("orders").cursorField("updated_at").build();

  private final Jdbi jdbi = H2ContractTest.h2("jdbc:h2:mem:indexes_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

  @Test
  void aNewH2DatabaseIndexesItsRecordsByThePrimaryKeyOnly() {
    JdbcRecordStore store = JdbcRecordStore.builder(jdbi).build();
    store.migrate();

    assertThat(indexes(store.recordTable())).containsExactly("PRIMARY KEY");
  }

  @Test
  void aVersion6DatabaseLosesItsUpdatedAtIndexAndStillStreamsARangeInIdOrder() {
    JdbcRecordStore first = JdbcRecordStore.builder(jdbi).build();
    SyncState state = SyncState.initial("orders").running(SyncMode.BACKFILL);
    List<SourceRecord> page = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      page.add(SourceRecord.of(Integer.toString(i), T0.plusSeconds(31 - i), "{\"id\":" + i + "}"));
    }
    first.write(new PageWrite(ORDERS, page, state, T0));
    jdbi.useHandle(h -> {
      h.execute("CREATE INDEX sync_record_updated_at ON " + first.recordTable() + " (resource, updated_at)");
      h.execute("UPDATE " + first.stateTable() + " SET schema_version = 6 WHERE resource = '"
          + Migrations.SCHEMA_ROW + "'");
    });
    JdbcRecordStore store = JdbcRecordStore.builder(jdbi).build();
    assertThat(store.schemaVersion()).isEqualTo(6);
    assertThat(indexes(store.recordTable())).hasSize(2);

    store.migrate();

    assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
    assertThat(indexes(store.recordTable())).containsExactly("PRIMARY KEY");
    // updated_at of id i is T0 + (31 - i) s: [T0 + 5 s, T0 + 10 s) holds ids 22..26.
    try (Stream<StoredRecord> range = store.stream("orders", T0.plusSeconds(5), T0.plusSeconds(10))) {
      assertThat(range.map(StoredRecord::id)).containsExactly("22", "23", "24", "25", "26");
    }
  }

  private List<String> indexes(String table) {
    return jdbi.withHandle(h -> h.createQuery("SELECT INDEX_TYPE_NAME FROM INFORMATION_SCHEMA.INDEXES"
            + " WHERE TABLE_SCHEMA = SCHEMA() AND UPPER(TABLE_NAME) = UPPER(:table) ORDER BY INDEX_TYPE_NAME DESC")
        .bind("table", table).mapTo(String.class).list());
  }
}
