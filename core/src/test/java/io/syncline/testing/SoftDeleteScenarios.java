package io.syncline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.IdOrder;
import io.syncline.Resource;
import io.syncline.SoftDelete;
import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import io.syncline.spi.RecordStore;
import io.syncline.spi.StoredRecord;
import io.syncline.spi.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Soft-delete fields ({@link SoftDelete}) on every store (part of {@link SyncEngineScenarios}
 * through {@link DeletionScenarios}): records whose field says "deleted" are stored marked
 * deleted, and live again once a newer version no longer says so. After every run the store's
 * live records equal the source's records that do not say "deleted", id for id and payload for
 * payload.
 */
public abstract class SoftDeleteScenarios extends RejectedRecordScenarios {
  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

  private MutableClock softClock;
  private InMemoryRecordSource softSource;
  private RecordStore softStore;

  /**
   * A fresh, empty store for one test.
   *
   * @return the store
   */
  protected abstract RecordStore newStore();

  @BeforeEach
  void setUpSoftDeleteScenario() {
    softClock = new MutableClock(T);
    softSource = new InMemoryRecordSource(softClock);
    softStore = null;
  }

  private RecordStore softStore() {
    if (softStore == null) {
      softStore = newStore();
    }
    return softStore;
  }

  private static Resource tickets(SoftDelete policy) {
    return Resource.builder("sd_tickets").cursorField("updated_at").pageSize(4).softDelete(policy).build();
  }

  private SyncEngine engine(Resource r) {
    return SyncEngine.builder(softSource, softStore()).resource(r).clock(softClock).build();
  }

  private Instant at(int minutes) {
    return T.minus(Duration.ofHours(5)).plus(Duration.ofMinutes(minutes));
  }

  private void assertLiveRecordsEqualTheSourcesLiveRecords(Resource r) {
    Map<String, String> live = new TreeMap<>(IdOrder.INSTANCE);
    try (Stream<StoredRecord> s = softStore().stream(r.name())) {
      s.forEach(rec -> live.put(rec.id(), rec.json()));
    }
    Map<String, String> expected = new TreeMap<>(IdOrder.INSTANCE);
    softSource.snapshot(r.name()).forEach((id, json) -> {
      if (r.softDelete().deletedAt(json, java.util.Optional.empty(), T).isEmpty()) {
        expected.put(id, json);
      }
    });
    assertThat(live).isEqualTo(expected);
  }

  private void seedLive(int count) {
    for (int i = 1; i <= count; i++) {
      softSource.putWith("sd_tickets", i, at(i), "\"status\":\"open\",\"deleted\":false,\"deleted_at\":null");
    }
  }

  @Test
  void recordsWithADeletedAtTimestampAreStoredDeletedAtThatTime() {
    Resource r = tickets(SoftDelete.whenPresent("deleted_at"));
    seedLive(9);
    softSource.putWith("sd_tickets", 3, at(30), "\"deleted_at\":\"" + at(30) + "\"");
    softSource.putWith("sd_tickets", 7, at(31), "\"deleted_at\":\"" + at(29) + "\"");

    SyncResult result = engine(r).backfill(r);

    assertThat(result.deleted()).isEqualTo(2);
    assertLiveRecordsEqualTheSourcesLiveRecords(r);
    StoredRecord three = softStore().find("sd_tickets", "3", Visibility.ALL).orElseThrow();
    assertThat(three.deletedAt()).contains(at(30));
    assertThat(three.json()).contains("deleted_at");
    // A deletion time before the record's updated_at is taken as its updated_at (the version is marked).
    assertThat(softStore().find("sd_tickets", "7", Visibility.ALL).orElseThrow().deletedAt()).contains(at(31));
  }

  @Test
  void recordsWhoseStatusEqualsTheValueAreStoredDeletedAtTheirUpdatedAt() {
    Resource r = tickets(SoftDelete.whenEquals("status", "deleted"));
    seedLive(6);
    SyncEngine engine = engine(r);
    engine.backfill(r);
    softClock.advance(Duration.ofMinutes(5));
    softSource.putWith("sd_tickets", 2, T.plusSeconds(60), "\"status\":\"deleted\"");
    softSource.putWith("sd_tickets", 5, T.plusSeconds(61), "\"status\":\"deleted_later\"");

    SyncResult result = engine.incremental(r);

    assertThat(result.deleted()).isEqualTo(1);
    assertLiveRecordsEqualTheSourcesLiveRecords(r);
    assertThat(softStore().find("sd_tickets", "2", Visibility.ALL).orElseThrow().deletedAt()).contains(T.plusSeconds(60));
    assertThat(softStore().count("sd_tickets")).isEqualTo(5);
  }

  @Test
  void recordsWithATrueFlagAreStoredDeleted() {
    Resource r = tickets(SoftDelete.whenTrue("deleted"));
    seedLive(5);
    softSource.putWith("sd_tickets", 4, at(20), "\"deleted\":true");
    softSource.putWith("sd_tickets", 5, at(21), "\"deleted\":\"true\"");

    softSource.putWith("sd_tickets", 3, at(22), "\"deleted\":1");

    SyncResult result = engine(r).backfill(r);

    assertThat(result.deleted()).isEqualTo(2);
    assertLiveRecordsEqualTheSourcesLiveRecords(r);
    assertThat(softStore().find("sd_tickets", "4", Visibility.ALL).orElseThrow().deletedAt()).contains(at(20));
  }

  @Test
  void aSoftDeletedRecordIsLiveAgainWhenANewerVersionNoLongerSaysDeleted() {
    Resource r = tickets(SoftDelete.whenPresent("deleted_at"));
    seedLive(8);
    softSource.putWith("sd_tickets", 6, at(30), "\"deleted_at\":\"" + at(30) + "\"");
    SyncEngine engine = engine(r);
    engine.backfill(r);
    assertThat(softStore().find("sd_tickets", "6", Visibility.LIVE)).isEmpty();
    softClock.advance(Duration.ofMinutes(5));
    softSource.putWith("sd_tickets", 6, T.plusSeconds(60), "\"deleted_at\":null,\"restored\":true");

    SyncResult result = engine.incremental(r);

    assertThat(result.deleted()).isZero();
    assertLiveRecordsEqualTheSourcesLiveRecords(r);
    StoredRecord six = softStore().find("sd_tickets", "6", Visibility.LIVE).orElseThrow();
    assertThat(six.deletedAt()).isEmpty();
    assertThat(six.json()).contains("restored");
  }

  @Test
  void aSoftDeletedRecordReadAgainUnchangedCountsAsUnchangedNotAsDeletedAgain() {
    Resource r = tickets(SoftDelete.whenPresent("deleted_at"));
    seedLive(5);
    SyncEngine engine = engine(r);
    engine.backfill(r);
    softClock.advance(Duration.ofMinutes(5));
    // The newest record: every incremental reads the cursor's own instant again.
    softSource.putWith("sd_tickets", 3, T.plusSeconds(60), "\"deleted_at\":\"" + T.plusSeconds(60) + "\"");
    assertThat(engine.incremental(r).deleted()).isEqualTo(1);
    softClock.advance(Duration.ofMinutes(5));

    SyncResult again = engine.incremental(r);

    assertThat(again.deleted()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.inserted()).isZero();
    assertLiveRecordsEqualTheSourcesLiveRecords(r);
    assertThat(softStore().find("sd_tickets", "3", Visibility.ALL).orElseThrow().deletedAt()).contains(T.plusSeconds(60));
  }

  @Test
  void withoutASoftDeletePolicyEveryRecordIsLive() {
    Resource r = tickets(SoftDelete.NONE);
    seedLive(3);
    softSource.putWith("sd_tickets", 2, at(30), "\"deleted\":true,\"deleted_at\":\"" + at(30) + "\"");

    SyncResult result = engine(r).backfill(r);

    assertThat(result.deleted()).isZero();
    assertThat(softStore().count("sd_tickets")).isEqualTo(3);
  }
}
