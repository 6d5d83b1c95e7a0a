package io.syncline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.Cursor;
import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RecordStore;
import io.syncline.spi.RejectedRecord;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.WriteResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Records set aside ({@link PageWrite#rejected()}) on every store (part of
 * {@link RecordStoreContract} through {@link DeletionStoreContract}): they are stored with the
 * page, in its transaction, counted, read back oldest first and bounded, exactly as written, and
 * cleared per resource.
 */
public abstract class RejectedRecordStoreContract {
  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
  private static final Resource ORDERS = Resource.builder("orders").cursorField("updated_at").build();
  private static final Resource TECHS = Resource.builder("technicians").build();

  /** @return the store under test, fresh for each test */
  protected abstract RecordStore storeUnderTest();

  /**
   * Arranges for the next write on {@code store} to fail as late as the implementation allows.
   *
   * @param store the store
   */
  protected abstract void failNextWrite(RecordStore store);

  private static SourceRecord rec(String id, Instant at) {
    return SourceRecord.of(id, at, "{\"id\":" + id + ",\"updated_at\":\"" + at + "\"}");
  }

  private static RejectedRecord aside(Resource r, long page, String id, String payload) {
    return RejectedRecord.of(r.name(), page, id == null ? "id" : "updated_at",
        id == null ? "record 2 of the page has no id" : "unparsable timestamp", id, payload);
  }

  private static SyncState stateAfter(Resource r, String lastId, Instant at) {
    return SyncState.initial(r.name()).withCursor(Optional.of(Cursor.Timestamped.after(at, lastId)))
        .running(SyncMode.INCREMENTAL);
  }

  private WriteResult write(Resource r, Instant fetchedAt, List<SourceRecord> records, List<RejectedRecord> rejected) {
    return storeUnderTest().write(new PageWrite(r, records, SyncState.initial(r.name()).running(SyncMode.INCREMENTAL),
        fetchedAt, Optional.empty(), List.of(), rejected));
  }

  @Test
  void aPagesRejectedRecordsAreStoredWithItsRecordsCountedAndReadBackExactly() {
    String payload = "{\"name\":\"Zoë \\u00e9 \\\"quoted\\\"\",\n  \"n\": 1.50e3, \"token\":\"s3cr3t\"}";
    String notJson = "[1, 2, \"not an object\"";
    WriteResult result = write(ORDERS, T, List.of(rec("1", T), rec("2", T)),
        List.of(aside(ORDERS, 3, null, payload), aside(ORDERS, 3, "7", notJson)));

    assertThat(result).isEqualTo(new WriteResult(2, 0, 0, 0, 2));
    assertThat(storeUnderTest().count("orders")).isEqualTo(2);
    assertThat(storeUnderTest().countRejected("orders")).isEqualTo(2);
    assertThat(storeUnderTest().countRejected("technicians")).isZero();
    List<RejectedRecord> back = storeUnderTest().rejected("orders", 10);
    assertThat(back).containsExactly(aside(ORDERS, 3, null, payload).at(T), aside(ORDERS, 3, "7", notJson).at(T));
  }

  @Test
  void aRejectedRecordThatCarriesItsTimeKeepsIt() {
    Instant earlier = T.minusSeconds(3600);
    write(ORDERS, T, List.of(), List.of(aside(ORDERS, 1, "9", "{}").at(earlier)));
    assertThat(storeUnderTest().rejected("orders", 1)).extracting(RejectedRecord::rejectedAt)
        .containsExactly(Optional.of(earlier));
  }

  @Test
  void readingIsOldestFirstAndBounded() {
    write(ORDERS, T.plusSeconds(20), List.of(), List.of(aside(ORDERS, 3, "c", "{\"c\":1}")));
    write(ORDERS, T, List.of(), List.of(aside(ORDERS, 1, "a", "{\"a\":1}"), aside(ORDERS, 1, "b", "{\"b\":1}")));
    write(ORDERS, T.plusSeconds(10), List.of(), List.of(aside(ORDERS, 2, null, "{\"x\":1}")));

    assertThat(storeUnderTest().rejected("orders", 2)).extracting(r -> r.id().orElse("-"))
        .containsExactly("a", "b");
    assertThat(storeUnderTest().rejected("orders", 100)).extracting(r -> r.id().orElse("-"))
        .containsExactly("a", "b", "-", "c");
    assertThatThrownBy(() -> storeUnderTest().rejected("orders", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRecordSetAsideAgainWithTheSameTextIsKeptOnceAsFirstSeenButCountedInEveryWrite() {
    List<RejectedRecord> page = List.of(aside(ORDERS, 1, "5", "{\"id\":5}"), aside(ORDERS, 1, "5", "{\"id\":5}"));
    WriteResult first = write(ORDERS, T, List.of(rec("1", T)), page);
    WriteResult again = write(ORDERS, T.plusSeconds(60), List.of(rec("1", T)),
        List.of(aside(ORDERS, 4, "5", "{\"id\":5}"), aside(ORDERS, 4, "6", "{\"id\":6}")));
    WriteResult otherResource = write(TECHS, T, List.of(), List.of(aside(TECHS, 1, "5", "{\"id\":5}")));

    assertThat(first.rejected()).isEqualTo(2);
    assertThat(again).isEqualTo(new WriteResult(0, 0, 1, 0, 2));
    assertThat(otherResource.rejected()).isEqualTo(1);
    assertThat(storeUnderTest().countRejected("orders")).isEqualTo(2);
    assertThat(storeUnderTest().rejected("orders", 10)).extracting(RejectedRecord::page, r -> r.rejectedAt().orElseThrow())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, T), org.assertj.core.groups.Tuple.tuple(4L, T.plusSeconds(60)));
    assertThat(storeUnderTest().countRejected("technicians")).isEqualTo(1);
  }

  @Test
  void clearingRemovesOnlyThatResourcesRejectedRecords() {
    write(ORDERS, T, List.of(rec("1", T)), List.of(aside(ORDERS, 1, "5", "{\"a\":5}"), aside(ORDERS, 1, null, "{}")));
    write(TECHS, T, List.of(SourceRecord.withoutTimestamp("1", "{\"id\":1}")), List.of(aside(TECHS, 1, null, "{}")));

    assertThat(storeUnderTest().clearRejected("orders")).isEqualTo(2);
    assertThat(storeUnderTest().countRejected("orders")).isZero();
    assertThat(storeUnderTest().rejected("orders", 5)).isEmpty();
    assertThat(storeUnderTest().countRejected("technicians")).isEqualTo(1);
    assertThat(storeUnderTest().count("orders")).isEqualTo(1);
    assertThat(storeUnderTest().clearRejected("orders")).isZero();
  }

  @Test
  void aFailedWriteStoresNoneOfItsRejectedRecordsNorItsState() {
    SyncState committed = stateAfter(ORDERS, "1", T);
    storeUnderTest().write(new PageWrite(ORDERS, List.of(rec("1", T)), committed, T));
    failNextWrite(storeUnderTest());

    SyncState next = stateAfter(ORDERS, "2", T.plusSeconds(5));
    assertThatThrownBy(() -> storeUnderTest().write(new PageWrite(ORDERS, List.of(rec("2", T.plusSeconds(5))),
        next, T.plusSeconds(60), Optional.empty(), List.of(), List.of(aside(ORDERS, 2, "3", "{}")))))
        .isInstanceOf(RuntimeException.class);

    assertThat(storeUnderTest().countRejected("orders")).isZero();
    assertThat(storeUnderTest().find("orders", "2")).isEmpty();
    assertThat(storeUnderTest().state("orders")).contains(committed);
  }

  @Test
  void invalidResourceNamesAreRefused() {
    assertThatThrownBy(() -> storeUnderTest().countRejected("orders; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storeUnderTest().clearRejected("1orders")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRejectedRecordNeverShowsItsPayloadInToString() {
    RejectedRecord r = aside(ORDERS, 1, "5", "{\"token\":\"s3cr3t\"}");
    assertThat(r.toString()).doesNotContain("s3cr3t").contains("orders").contains("page=1").contains("5");
  }
}
