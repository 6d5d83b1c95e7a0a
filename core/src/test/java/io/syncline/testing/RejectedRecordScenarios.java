package io.syncline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.Cursor;
import io.syncline.IdOrder;
import io.syncline.InvalidRecordException;
import io.syncline.InvalidRecords;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import io.syncline.SyncState;
import io.syncline.SyncStatus;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.RecordSource;
import io.syncline.spi.RecordStore;
import io.syncline.spi.RejectedRecord;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records a run cannot use, on every store (part of {@link SyncEngineScenarios} through
 * {@link SoftDeleteScenarios}): with {@link InvalidRecords#SET_ASIDE} a page holding one bad
 * record among good ones commits its good records, the bad one goes to the rejected records with
 * its resource, page and reason, and the cursor moves on; with the default
 * {@link InvalidRecords#FAIL} the run fails and neither records nor cursor move.
 */
public abstract class RejectedRecordScenarios {
  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
  private static final String SECRET_PAYLOAD = "{\"id\":\"bad\",\"api_token\":\"tok-s3cr3t\"}";

  private MutableClock rejClock;
  private InMemoryRecordSource rejSource;
  private RecordStore rejStore;

  /**
   * A fresh, empty store for one test.
   *
   * @return the store
   */
  protected abstract RecordStore newStore();

  @BeforeEach
  void setUpRejectedRecordScenario() {
    rejClock = new MutableClock(T);
    rejSource = new InMemoryRecordSource(rejClock);
    rejStore = null;
  }

  private RecordStore rejStore() {
    if (rejStore == null) {
      rejStore = newStore();
    }
    return rejStore;
  }

  private static Resource jobs(InvalidRecords policy) {
    return Resource.builder("rj_jobs").cursorField("updated_at").pageSize(4).invalidRecords(policy).build();
  }

  private Instant at(int minutes) {
    return T.minus(Duration.ofHours(5)).plus(Duration.ofMinutes(minutes));
  }

  private void seed(int n) {
    for (int i = 1; i <= n; i++) {
      rejSource.put("rj_jobs", i, at(i));
    }
  }

  /** The source, with the first page numbered {@code pageNumber} of the run changed once. */
  private RecordSource changingOnce(long pageNumber, UnaryOperator<Page> change) {
    AtomicBoolean done = new AtomicBoolean();
    return new RecordSource() {
      @Override
      public Page fetch(PageRequest request) {
        Page page = rejSource.fetch(request);
        return request.pageNumber() == pageNumber && done.compareAndSet(false, true) ? change.apply(page) : page;
      }
    };
  }

  /** Inserts a record without its timestamp in the middle of the page (the engine's check). */
  private static Page withUntimestampedRecord(Page page) {
    List<SourceRecord> records = new ArrayList<>(page.records());
    records.add(records.size() / 2, SourceRecord.withoutTimestamp("bad", SECRET_PAYLOAD));
    return new Page(records, page.hasMore(), page.continuation(), page.total(), page.sourceTime(), page.sorted(),
        page.traffic(), page.validator(), page.notModified(), page.rejected());
  }

  /** Adds a record the source set aside (as an HTTP source does with a record without its id). */
  private static Page withRecordSetAsideBySource(Page page, long pageNumber) {
    return page.withRejected(List.of(RejectedRecord.of("rj_jobs", pageNumber, "id", "record 3 of the page has no id",
        null, SECRET_PAYLOAD)));
  }

  private SyncEngine engine(RecordSource source, Resource r) {
    return SyncEngine.builder(source, rejStore()).resource(r).clock(rejClock).build();
  }

  private void assertStoreHoldsEverySourceRecord(Resource r) {
    Map<String, String> stored = new TreeMap<>(IdOrder.INSTANCE);
    try (Stream<StoredRecord> s = rejStore().stream(r.name())) {
      s.forEach(rec -> stored.put(rec.id(), rec.json()));
    }
    assertThat(stored).isEqualTo(rejSource.snapshot(r.name()));
  }

  @Test
  void withSetAsideARecordWithoutItsTimestampGoesAsideAndTheBackfillCompletes() {
    seed(10);
    Resource r = jobs(InvalidRecords.SET_ASIDE);
    SyncResult result = engine(changingOnce(2, RejectedRecordScenarios::withUntimestampedRecord), r).backfill(r);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.rejected()).isEqualTo(1);
    assertThat(result.toString()).contains("rejected=1").doesNotContain("tok-s3cr3t");
    assertStoreHoldsEverySourceRecord(r);
    assertThat(rejStore().find("rj_jobs", "bad")).isEmpty();
    assertThat(rejStore().countRejected("rj_jobs")).isEqualTo(1);
    RejectedRecord aside = rejStore().rejected("rj_jobs", 10).get(0);
    assertThat(aside.resource()).isEqualTo("rj_jobs");
    assertThat(aside.page()).isEqualTo(2);
    assertThat(aside.field()).isEqualTo("updated_at");
    assertThat(aside.reason()).contains("missing");
    assertThat(aside.id()).contains("bad");
    assertThat(aside.payload()).isEqualTo(SECRET_PAYLOAD);
    assertThat(aside.rejectedAt()).contains(T);
    SyncState st = rejStore().state("rj_jobs").orElseThrow();
    assertThat(st.status()).isEqualTo(SyncStatus.SUCCEEDED);
    assertThat(st.cursor()).isPresent();
  }

  @Test
  void withSetAsideAnIncrementalPageWithABadRecordCommitsTheGoodOnesAndMovesTheCursor() {
    seed(6);
    Resource r = jobs(InvalidRecords.SET_ASIDE);
    engine(rejSource, r).backfill(r);
    rejClock.advance(Duration.ofMinutes(10));
    rejSource.put("rj_jobs", 7, T.plusSeconds(300));
    rejSource.touch("rj_jobs", 2, T.plusSeconds(360));

    SyncResult result = engine(changingOnce(1, p -> withRecordSetAsideBySource(p, 1)), r).incremental(r);

    assertThat(result.rejected()).isEqualTo(1);
    assertThat(result.inserted()).isEqualTo(1);
    assertThat(result.updated()).isEqualTo(1);
    assertStoreHoldsEverySourceRecord(r);
    assertThat(rejStore().state("rj_jobs").flatMap(SyncState::cursor))
        .contains(Cursor.Timestamped.after(T.plusSeconds(360), "2"));
    RejectedRecord aside = rejStore().rejected("rj_jobs", 1).get(0);
    assertThat(aside.page()).isEqualTo(1);
    assertThat(aside.field()).isEqualTo("id");
    assertThat(aside.id()).isEmpty();
    assertThat(aside.payload()).isEqualTo(SECRET_PAYLOAD);

    SyncResult next = engine(rejSource, r).incremental(r);
    assertThat(next.succeeded()).isTrue();
    assertThat(next.rejected()).isZero();
    assertThat(rejStore().countRejected("rj_jobs")).isEqualTo(1);
  }

  @Test
  void byDefaultARecordWithoutItsTimestampFailsTheRunAndMovesNothing() {
    seed(6);
    Resource r = jobs(InvalidRecords.FAIL);
    engine(rejSource, r).backfill(r);
    Optional<Cursor> cursor = rejStore().state("rj_jobs").flatMap(SyncState::cursor);
    long count = rejStore().count("rj_jobs");
    rejClock.advance(Duration.ofMinutes(10));
    rejSource.put("rj_jobs", 7, T.plusSeconds(300));

    SyncEngine failing = engine(changingOnce(1, RejectedRecordScenarios::withUntimestampedRecord), r);
    assertThatThrownBy(() -> failing.incremental(r)).isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("rj_jobs").hasMessageContaining("page 1").hasMessageContaining("updated_at")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tok-s3cr3t"));

    assertThat(rejStore().count("rj_jobs")).isEqualTo(count);
    assertThat(rejStore().state("rj_jobs").flatMap(SyncState::cursor)).isEqualTo(cursor);
    assertThat(rejStore().countRejected("rj_jobs")).isZero();
    assertThat(rejStore().state("rj_jobs").orElseThrow().status()).isEqualTo(SyncStatus.FAILED);
  }

  @Test
  void byDefaultRecordsASourceSetAsideFailThePage() {
    seed(6);
    Resource r = jobs(InvalidRecords.FAIL);
    SyncEngine failing = engine(changingOnce(1, p -> withRecordSetAsideBySource(p, 1)), r);
    assertThatThrownBy(() -> failing.backfill(r)).isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("rj_jobs").hasMessageContaining("page 1").hasMessageContaining("'id'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tok-s3cr3t"));
    assertThat(rejStore().count("rj_jobs")).isZero();
    assertThat(rejStore().countRejected("rj_jobs")).isZero();
  }
}
