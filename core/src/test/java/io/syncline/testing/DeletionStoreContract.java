package io.syncline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.spi.Deletion;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RecordStore;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import io.syncline.spi.SweepOutcome;
import io.syncline.spi.Visibility;
import io.syncline.spi.WriteResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deletion behaviour every {@link RecordStore} must have: marks, their visibility, revival,
 * id sweeps and the purge. Part of {@link RecordStoreContract}, so it runs against every store.
 */
public abstract class DeletionStoreContract extends RejectedRecordStoreContract {
  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
  private static final Resource ORDERS = Resource.builder("orders").cursorField("updated_at").build();
  private static final Resource TECHS = Resource.builder("technicians").build();

  /** @return the store under test, fresh for each test */
  protected abstract RecordStore storeUnderTest();

  private static SourceRecord rec(String id, Instant updatedAt) {
    return SourceRecord.of(id, updatedAt, "{\"id\":" + id + ",\"updated_at\":\"" + updatedAt + "\"}");
  }

  private WriteResult write(Resource resource, Instant fetchedAt, List<SourceRecord> records, List<Deletion> deletions) {
    SyncState state = SyncState.initial(resource.name()).running(SyncMode.INCREMENTAL);
    return storeUnderTest().write(new PageWrite(resource, records, state, fetchedAt, Optional.empty(), deletions));
  }

  private WriteResult write(Instant fetchedAt, SourceRecord... records) {
    return write(ORDERS, fetchedAt, List.of(records), List.of());
  }

  private WriteResult delete(Deletion... deletions) {
    return write(ORDERS, T.plusSeconds(3600), List.of(), List.of(deletions));
  }

  private List<String> liveIds(String resource) {
    try (Stream<StoredRecord> s = storeUnderTest().stream(resource)) {
      return s.map(StoredRecord::id).collect(Collectors.toList());
    }
  }

  @Test
  void aRecordMarkedDeletedIsHiddenFromCountFindAndStreamUnlessAllAreAskedFor() {
    write(T, rec("1", T), rec("2", T), rec("3", T));

    WriteResult result = delete(new Deletion("2", T.plusSeconds(10)));

    RecordStore store = storeUnderTest();
    assertThat(result).isEqualTo(new WriteResult(0, 0, 0, 1));
    assertThat(store.count("orders")).isEqualTo(2);
    assertThat(store.count("orders", Visibility.ALL)).isEqualTo(3);
    assertThat(store.find("orders", "2")).isEmpty();
    assertThat(store.find("orders", "2", Visibility.ALL).orElseThrow().deletedAt()).contains(T.plusSeconds(10));
    assertThat(store.find("orders", "1").orElseThrow().deleted()).isFalse();
    assertThat(liveIds("orders")).containsExactly("1", "3");
    try (Stream<StoredRecord> all = store.stream("orders", Visibility.ALL)) {
      assertThat(all.map(StoredRecord::id)).containsExactly("1", "2", "3");
    }
  }

  @Test
  void aDeletionAfterTheStoredVersionMarksItAndOneAtTheSameInstantToo() {
    // Regression: an attempt skipped feed entries by comparing them with the stored version the
    // wrong way round, so a deletion made after the last edit never marked the record.
    write(T, rec("1", T.plusSeconds(5)), rec("2", T.plusSeconds(5)));

    WriteResult result = delete(new Deletion("1", T.plusSeconds(6)), new Deletion("2", T.plusSeconds(5)));

    assertThat(result.deleted()).isEqualTo(2);
    assertThat(storeUnderTest().count("orders")).isZero();
  }

  @Test
  void aDeletionOlderThanTheStoredVersionLeavesTheRecordLive() {
    write(T, rec("1", T.plusSeconds(30)));

    WriteResult result = delete(new Deletion("1", T.plusSeconds(10)));

    assertThat(result.deleted()).isZero();
    assertThat(storeUnderTest().find("orders", "1")).isPresent();
  }

  @Test
  void deletionsOfUnknownIdsAndRepeatedDeletionsCountNothing() {
    write(T, rec("1", T));
    delete(new Deletion("1", T.plusSeconds(1)));

    WriteResult again = delete(new Deletion("1", T.plusSeconds(2)), new Deletion("404", T.plusSeconds(2)));

    assertThat(again.deleted()).isZero();
    assertThat(storeUnderTest().find("orders", "1", Visibility.ALL).orElseThrow().deletedAt())
        .contains(T.plusSeconds(1));
    assertThat(storeUnderTest().find("orders", "404", Visibility.ALL)).isEmpty();
  }

  @Test
  void aDeletedRecordListedAgainWithANewerVersionIsLiveAgainAndCountsAsUpdated() {
    write(T, rec("1", T));
    delete(new Deletion("1", T.plusSeconds(1)));

    WriteResult result = write(T.plusSeconds(7200), rec("1", T.plusSeconds(100)));

    assertThat(result).isEqualTo(new WriteResult(0, 1, 0, 0));
    StoredRecord back = storeUnderTest().find("orders", "1").orElseThrow();
    assertThat(back.deletedAt()).isEmpty();
    assertThat(back.updatedAt()).contains(T.plusSeconds(100));
  }

  @Test
  void aDeletedRecordListedAgainWithAnOlderVersionStaysDeleted() {
    write(T, rec("1", T.plusSeconds(50)));
    delete(new Deletion("1", T.plusSeconds(60)));

    WriteResult result = write(T.plusSeconds(7200), rec("1", T));

    assertThat(result).isEqualTo(new WriteResult(0, 0, 1, 0));
    assertThat(storeUnderTest().find("orders", "1")).isEmpty();
  }

  @Test
  void aRecordWrittenAndMarkedInOnePageIsStoredDeleted() {
    WriteResult result = write(ORDERS, T, List.of(rec("1", T), rec("2", T)), List.of(new Deletion("2", T)));

    assertThat(result).isEqualTo(new WriteResult(2, 0, 0, 1));
    assertThat(liveIds("orders")).containsExactly("1");
    assertThat(storeUnderTest().find("orders", "2", Visibility.ALL)).isPresent();
  }

  @Test
  void recordsWithoutTimestampCanBeMarkedDeleted() {
    write(TECHS, T, List.of(SourceRecord.withoutTimestamp("7", "{\"id\":7}")), List.of());

    WriteResult result = write(TECHS, T.plusSeconds(1), List.of(), List.of(new Deletion("7", T.plusSeconds(1))));

    assertThat(result.deleted()).isEqualTo(1);
    assertThat(storeUnderTest().count("technicians")).isZero();
  }

  @Test
  void aSweepMarksOnlyTheRecordsItDidNotSeeAndThatNothingTouchedSinceItStarted() {
    write(T, IntStream.rangeClosed(1, 20).mapToObj(i -> rec(String.valueOf(i), T)).toArray(SourceRecord[]::new));
    Instant start = T.plusSeconds(3600);
    RecordStore store = storeUnderTest();
    store.noteSwept("orders", IntStream.rangeClosed(1, 10).mapToObj(String::valueOf).toList(), start);
    store.noteSwept("orders", IntStream.rangeClosed(12, 20).mapToObj(String::valueOf).toList(), start);
    store.noteSwept("orders", List.of("999"), start); // listed, never stored: ignored
    write(start.plusSeconds(1), rec("21", start)); // created while the sweep ran, not listed by it

    SweepOutcome outcome = store.finishSweep("orders", start, start.plusSeconds(60), 0.10);

    assertThat(outcome).isEqualTo(new SweepOutcome(21, 1, true));
    assertThat(outcome.marked()).isEqualTo(1);
    assertThat(store.find("orders", "11")).isEmpty();
    assertThat(store.find("orders", "11", Visibility.ALL).orElseThrow().deletedAt()).contains(start.plusSeconds(60));
    assertThat(store.count("orders")).isEqualTo(20);
  }

  @Test
  void aSweepThatWouldMarkMoreThanTheShareMarksNothing() {
    write(T, IntStream.rangeClosed(1, 10).mapToObj(i -> rec(String.valueOf(i), T)).toArray(SourceRecord[]::new));
    Instant start = T.plusSeconds(3600);
    RecordStore store = storeUnderTest();
    store.noteSwept("orders", List.of("1", "2", "3", "4", "5", "6", "7", "8"), start);

    SweepOutcome outcome = store.finishSweep("orders", start, start, 0.10);

    assertThat(outcome).isEqualTo(new SweepOutcome(10, 2, false));
    assertThat(outcome.marked()).isZero();
    assertThat(store.count("orders")).isEqualTo(10);
  }

  @Test
  void idsSeenByAnEarlierSweepDoNotCountForTheNextOne() {
    write(T, IntStream.rangeClosed(1, 10).mapToObj(i -> rec(String.valueOf(i), T)).toArray(SourceRecord[]::new));
    RecordStore store = storeUnderTest();
    Instant first = T.plusSeconds(3600);
    store.noteSwept("orders", IntStream.rangeClosed(1, 10).mapToObj(String::valueOf).toList(), first);
    assertThat(store.finishSweep("orders", first, first, 0.10).marked()).isZero();
    Instant second = first.plusSeconds(3600);
    store.noteSwept("orders", IntStream.rangeClosed(2, 10).mapToObj(String::valueOf).toList(), second);

    SweepOutcome outcome = store.finishSweep("orders", second, second, 0.10);

    assertThat(outcome.marked()).isEqualTo(1);
    assertThat(liveIds("orders")).doesNotContain("1").hasSize(9);
  }

  @Test
  void thePurgeRemovesOnlyMarksOlderThanTheCutOff() {
    write(T, rec("1", T), rec("2", T), rec("3", T));
    delete(new Deletion("1", T.plusSeconds(10)), new Deletion("2", T.plusSeconds(100)));

    long purged = storeUnderTest().purgeDeleted("orders", T.plusSeconds(50));

    assertThat(purged).isEqualTo(1);
    assertThat(storeUnderTest().find("orders", "1", Visibility.ALL)).isEmpty();
    assertThat(storeUnderTest().find("orders", "2", Visibility.ALL)).isPresent();
    assertThat(storeUnderTest().count("orders")).isEqualTo(1);
  }
}
