package io.syncline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.DeletionPolicy;
import io.syncline.IdOrder;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncException;
import io.syncline.SyncMode;
import io.syncline.SyncResult;
import io.syncline.SyncStoppedException;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RecordStore;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import io.syncline.spi.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's deletion passes against a source that deletes records, on every store (part of
 * {@link SyncEngineScenarios}): the deletion feed with every incremental, id sweeps on request and
 * on schedule, with deletions during a backfill, an incremental and a sweep. After every run the
 * store's live records equal the source's records, id for id and payload for payload.
 */
public abstract class DeletionScenarios extends SoftDeleteScenarios {
  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

  private final Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(10).build();
  private final Resource equipments = Resource.builder("equipments").cursorField("updated_at").pageSize(10)
      .deletions(DeletionPolicy.builder().sweepEvery(Duration.ofHours(24)).build()).build();
  private final Resource technicians = Resource.builder("technicians").pageSize(10).build();

  private MutableClock clock;
  private InMemoryRecordSource source;
  private RecordStore store;

  /**
   * A fresh, empty store for one test.
   *
   * @return the store
   */
  protected abstract RecordStore newStore();

  @BeforeEach
  void setUpDeletionScenario() {
    clock = new MutableClock(T);
    source = new InMemoryRecordSource(clock).withDeletionFeed("orders");
    store = null;
  }

  private RecordStore store() {
    if (store == null) {
      store = newStore();
    }
    return store;
  }

  private SyncEngine engine() {
    return SyncEngine.builder(source, store()).resource(orders).resource(equipments).resource(technicians)
        .clock(clock).build();
  }

  private void seed(String resource, int count) {
    for (int i = 1; i <= count; i++) {
      source.put(resource, i, T.minus(Duration.ofHours(30)).plusSeconds(i * 60L));
    }
  }

  private void assertLiveRecordsEqualTheSource(String resource) {
    Map<String, String> live = new TreeMap<>(IdOrder.INSTANCE);
    try (Stream<StoredRecord> s = store().stream(resource)) {
      s.forEach(r -> live.put(r.id(), r.json()));
    }
    assertThat(live).isEqualTo(source.snapshot(resource));
  }

  private void later() {
    clock.advance(Duration.ofMinutes(5));
  }

  // ---- the deletion feed -------------------------------------------------------------------

  @Test
  void deletionsInTheFeedAreMarkedByTheNextIncremental() {
    seed("orders", 35);
    SyncEngine engine = engine();
    engine.backfill(orders);
    later();
    source.delete("orders", 3).delete("orders", 17).delete("orders", 35);
    later();

    SyncResult result = engine.incremental(orders);

    assertThat(result.deleted()).isEqualTo(3);
    assertLiveRecordsEqualTheSource("orders");
    assertThat(store().find("orders", "17", Visibility.ALL).orElseThrow().deletedAt()).isPresent();
    assertThat(store().state("orders").orElseThrow().deletions().feedCursor()).isPresent();
  }

  @Test
  void theFeedResumesFromItsCursorAndMarksNothingTwice() {
    seed("orders", 20);
    SyncEngine engine = engine();
    engine.backfill(orders);
    for (int i = 1; i <= 12; i++) {
      source.delete("orders", i);
    }
    later();
    assertThat(engine.incremental(orders).deleted()).isEqualTo(12);
    later();
    source.delete("orders", 20);
    later();

    SyncResult again = engine.incremental(orders);

    assertThat(again.deleted()).isEqualTo(1);
    assertLiveRecordsEqualTheSource("orders");
  }

  @Test
  void aDeletionAfterTheLastEditIsMarkedThoughTheFeedEntryIsOlderThanTheSync() {
    // Regression of an earlier attempt: entries whose deletion time was before the last sync but
    // after the record's stored updated_at were skipped.
    seed("orders", 5);
    source.delete("orders", 2);
    later();
    SyncEngine engine = engine();
    engine.backfill(orders);

    assertLiveRecordsEqualTheSource("orders");
    later();
    source.put("orders", 2, clock.instant()); // recreated after its deletion
    later();
    engine.incremental(orders);
    assertLiveRecordsEqualTheSource("orders");
  }

  @Test
  void aDeletedThenRecreatedIdIsLiveWithItsNewVersion() {
    seed("orders", 10);
    SyncEngine engine = engine();
    engine.backfill(orders);
    later();
    source.delete("orders", 4);
    later();
    engine.incremental(orders);
    assertThat(store().find("orders", "4")).isEmpty();
    later();
    source.put("orders", 4, clock.instant());
    later();

    SyncResult result = engine.incremental(orders);

    assertThat(result.updated()).isEqualTo(1);
    assertLiveRecordsEqualTheSource("orders");
  }

  @Test
  void deletionsDuringABackfillAreMarkedByItsCatchUp() {
    seed("orders", 60);
    source.beforeFetch(3, n -> {
      source.delete("orders", 2);   // already stored
      source.delete("orders", 55);  // not read yet
    });

    SyncResult result = engine().backfill(orders);

    assertThat(result.deleted()).isEqualTo(1);
    assertLiveRecordsEqualTheSource("orders");
  }

  @Test
  void deletionsDuringAnIncrementalAreMarkedByItsFeedPass() {
    seed("orders", 30);
    SyncEngine engine = engine();
    engine.backfill(orders);
    later();
    for (int i = 1; i <= 15; i++) {
      source.put("orders", i, clock.instant().minusSeconds(60 - i));
    }
    source.beforeFetch(2, n -> source.delete("orders", 5).delete("orders", 25));
    later();

    engine.incremental(orders);

    assertLiveRecordsEqualTheSource("orders");
  }

  // ---- id sweeps ---------------------------------------------------------------------------

  @Test
  void aSweepMarksTheRecordsNoLongerListed() {
    seed("equipments", 45);
    SyncEngine engine = engine();
    engine.backfill(equipments);
    later();
    source.delete("equipments", 1).delete("equipments", 44);
    later();

    SyncResult result = engine.sweep(equipments);

    assertThat(result.mode()).isEqualTo(SyncMode.SWEEP);
    assertThat(result.deleted()).isEqualTo(2);
    assertLiveRecordsEqualTheSource("equipments");
    assertThat(source.idFetchCount()).isEqualTo(5);
    assertThat(store().state("equipments").orElseThrow().deletions().lastSweepAt()).contains(clock.instant());
  }

  @Test
  void recordsCreatedOrDeletedDuringASweepAreNotMarkedWrongly() {
    seed("equipments", 40);
    SyncEngine engine = engine();
    engine.backfill(equipments);
    later();
    source.beforeFetch(3, n -> {
      source.delete("equipments", 5);  // already listed: seen, so marked by the next sweep
      source.put("equipments", 41, clock.instant());
    });
    engine.sweep(equipments);
    assertThat(store().find("equipments", "5")).isPresent();
    later();
    engine.incremental(equipments);
    later();

    engine.sweep(equipments);

    assertLiveRecordsEqualTheSource("equipments");
  }

  @Test
  void aRecordFetchedWhileTheSweepRunsIsNeverMarked() {
    seed("equipments", 30);
    source.delete("equipments", 3);
    SyncEngine engine = engine();
    engine.backfill(equipments);
    later();
    // Record 3 comes back after the sweep listed past it, and is stored meanwhile (fetched after
    // the sweep started): the sweep did not see it, yet it exists.
    source.beforeFetch(2, n -> {
      clock.advance(Duration.ofSeconds(1));
      source.put("equipments", 3, clock.instant());
      store().write(new PageWrite(equipments, List.of(SourceRecord.of("3", clock.instant(),
          source.snapshot("equipments").get("3"))), store().state("equipments").orElseThrow(), clock.instant()));
    });

    SyncResult sweep = engine.sweep(equipments);

    assertThat(sweep.deleted()).isZero();
    assertLiveRecordsEqualTheSource("equipments");
  }

  @Test
  void aSweepThatFailsMidwayMarksNothing() {
    seed("equipments", 40);
    SyncEngine engine = engine();
    engine.backfill(equipments);
    source.delete("equipments", 7);
    source.failOnFetch(3);

    assertThatThrownBy(() -> engine.sweep(equipments)).isInstanceOf(SyncException.class);

    assertThat(store().count("equipments")).isEqualTo(40);
    assertThat(store().state("equipments").orElseThrow().deletions().lastSweepAt()).isEmpty();
    later();
    engine.sweep(equipments);
    assertLiveRecordsEqualTheSource("equipments");
  }

  @Test
  void aSweepStoppedMidwayMarksNothing() {
    seed("equipments", 40);
    SyncEngine engine = engine();
    engine.backfill(equipments);
    source.delete("equipments", 7);
    source.beforeFetch(2, n -> engine.stop());

    assertThatThrownBy(() -> engine.sweep(equipments)).isInstanceOf(SyncStoppedException.class);

    assertThat(store().count("equipments")).isEqualTo(40);
  }

  @Test
  void aSweepThatWouldMarkMoreThanTheLimitMarksNothingAndSaysWhy() {
    seed("equipments", 40);
    SyncEngine engine = engine();
    engine.backfill(equipments);
    for (int i = 1; i <= 5; i++) {
      source.delete("equipments", i);
    }
    later();

    assertThatThrownBy(() -> engine.sweep(equipments)).isInstanceOf(SyncException.class)
        .hasMessageContaining("equipments").hasMessageContaining("5 of 40").hasMessageContaining("10.0 %");

    assertThat(store().count("equipments")).isEqualTo(40);
    Resource lenient = equipments.toBuilder()
        .deletions(DeletionPolicy.builder().maxSweepShare(0.5).build()).build();
    assertThat(engine.sweep(lenient).deleted()).isEqualTo(5);
    assertLiveRecordsEqualTheSource("equipments");
  }

  @Test
  void anEmptyListingByMistakeNeverWipesTheLocalCopy() {
    seed("equipments", 30);
    SyncEngine engine = engine();
    engine.backfill(equipments);
    for (int i = 1; i <= 30; i++) {
      source.delete("equipments", i);
    }
    later();

    assertThatThrownBy(() -> engine.sweep(equipments)).isInstanceOf(SyncException.class)
        .hasMessageContaining("30 of 30");

    assertThat(store().count("equipments")).isEqualTo(30);
  }

  @Test
  void syncRunsASweepWhenOneIsDue() {
    seed("equipments", 30);
    SyncEngine engine = engine();
    engine.sync(equipments);
    assertThat(store().state("equipments").orElseThrow().deletions().lastSweepAt()).isPresent();
    source.delete("equipments", 9);
    clock.advance(Duration.ofHours(1));
    AtomicReference<SyncResult> hourLater = new AtomicReference<>(engine.sync(equipments));
    assertThat(hourLater.get().deleted()).isZero();
    assertThat(hourLater.get().mode()).isNotEqualTo(SyncMode.SWEEP);

    clock.advance(Duration.ofHours(24));
    SyncResult dayLater = engine.sync(equipments);

    assertThat(dayLater.deleted()).isEqualTo(1);
    assertLiveRecordsEqualTheSource("equipments");
  }

  @Test
  void idOnlyResourcesAreSweptToo() {
    for (int i = 1; i <= 25; i++) {
      source.putIdOnly("technicians", i);
    }
    SyncEngine engine = engine();
    engine.backfill(technicians);
    source.delete("technicians", 13);
    later();

    assertThat(engine.sweep(technicians).deleted()).isEqualTo(1);
    assertLiveRecordsEqualTheSource("technicians");
  }
}
