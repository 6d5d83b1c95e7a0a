package io.syncline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.Checkpoint;
import io.syncline.Cursor;
import io.syncline.DataOrigin;
import io.syncline.DateRange;
import io.syncline.InvalidRecordException;
import io.syncline.LocalRead;
import io.syncline.Resource;
import io.syncline.ResourceBusyException;
import io.syncline.SyncEngine;
import io.syncline.SyncEvent;
import io.syncline.SyncException;
import io.syncline.SyncMode;
import io.syncline.SyncResult;
import io.syncline.SyncState;
import io.syncline.SyncStatus;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.RecordSource;
import io.syncline.spi.RecordStore;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import io.syncline.IdOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The engine's behaviour against a source that behaves like a live API, run unchanged on every
 * store implementation: subclasses provide a fresh, empty store.
 *
 * <p>The invariant checked again and again: after a backfill plus incremental runs, the store
 * holds exactly the source's records (same ids, same latest versions).
 */
public abstract class SyncEngineScenarios extends DeletionScenarios {

  /** Ten pages' worth of clock: records live in the days before it. */
  protected static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  protected MutableClock clock;
  protected InMemoryRecordSource source;
  protected FailingRecordStore store;
  protected final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  protected final Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(10).build();
  protected final Resource technicians = Resource.builder("technicians").pageSize(10).build();

  /**
   * A fresh, empty store for one test.
   *
   * @return the store
   */
  protected abstract RecordStore newStore();

  @BeforeEach
  void setUpScenario() {
    clock = new MutableClock(T0);
    source = new InMemoryRecordSource(clock);
    store = new FailingRecordStore(newStore());
    events.clear();
  }

  protected SyncEngine engine() {
    return engineBuilder().build();
  }

  protected SyncEngine.Builder engineBuilder() {
    return SyncEngine.builder(source, store).resource(orders).resource(technicians).clock(clock)
        .listener(events::add);
  }

  protected static Instant ago(Duration d) {
    return T0.minus(d);
  }

  /** 95 orders over two days, with a run of 35 sharing one timestamp across page boundaries. */
  protected void seedOrders() {
    for (int i = 1; i <= 40; i++) {
      source.put("orders", i, ago(Duration.ofHours(48)).plusSeconds(i * 60L));
    }
    source.putRun("orders", 41, 35, ago(Duration.ofHours(30)));
    for (int i = 76; i <= 95; i++) {
      source.put("orders", i, ago(Duration.ofHours(20)).plusSeconds(i));
    }
  }

  protected void assertStoreMatchesSource(Resource r) {
    Map<String, String> stored = new TreeMap<>(IdOrder.INSTANCE);
    try (Stream<StoredRecord> s = store.stream(r.name())) {
      s.forEach(rec -> stored.put(rec.id(), rec.json()));
    }
    assertThat(stored).isEqualTo(source.snapshot(r.name()));
  }

  @Nested
  @DisplayName("backfill")
  class Backfill {

    @Test
    void storesEveryRecordIncludingARunOfEqualTimestampsLongerThanAPage() {
      seedOrders();
      SyncResult r = engine().backfill(orders);
      assertStoreMatchesSource(orders);
      assertThat(r.mode()).isEqualTo(SyncMode.BACKFILL);
      assertThat(r.inserted()).isEqualTo(95);
      assertThat(r.fetched()).isGreaterThanOrEqualTo(95);
      SyncState st = store.state("orders").orElseThrow();
      assertThat(st.status()).isEqualTo(SyncStatus.SUCCEEDED);
      assertThat(st.checkpoint()).isEmpty();
      assertThat(st.lastBackfillAt()).contains(T0);
    }

    @Test
    void writesACheckpointWithEveryPage() {
      seedOrders();
      List<Long> checkpointedPages = new ArrayList<>();
      SyncEngine engine = engineBuilder().listener(e -> {
        if (e instanceof SyncEvent.PageCommitted pc && pc.progress().mode() == SyncMode.BACKFILL) {
          store.state("orders").flatMap(SyncState::checkpoint).ifPresent(c -> checkpointedPages.add(c.pages()));
        }
      }).build();
      engine.backfill(orders);
      assertThat(checkpointedPages).startsWith(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void failingOnPageNAndStartedAgainRefetchesNoCommittedPage() {
      seedOrders();
      source.failOnFetch(4);
      assertThatThrownBy(() -> engine().backfill(orders))
          .isInstanceOf(SyncException.class)
          .hasMessageContaining("orders").hasMessageContaining("page 4");
      Checkpoint cp = store.state("orders").flatMap(SyncState::checkpoint).orElseThrow();
      assertThat(cp.pages()).isEqualTo(3);
      assertThat(cp.position()).contains(new Cursor.IdOnly("30"));
      assertThat(store.count("orders")).isEqualTo(30);
      assertThat(store.state("orders").orElseThrow().status()).isEqualTo(SyncStatus.FAILED);

      List<PageRequest> requests = new ArrayList<>();
      RecordSource recording = req -> {
        requests.add(req);
        return source.fetch(req);
      };
      SyncEngine.builder(recording, store).resource(orders).clock(clock).fetchAhead(false).build().backfill(orders);
      assertThat(requests.get(0).after()).contains(new Cursor.IdOnly("30"));
      assertThat(requests.get(0).pageNumber()).isEqualTo(4);
      assertThat(requests.stream().filter(q -> q.mode() == SyncMode.BACKFILL).count()).isEqualTo(7);
      assertStoreMatchesSource(orders);
    }

    @Test
    void aStoreFailureLeavesTheCheckpointAtTheLastCommittedPage() {
      seedOrders();
      store.failOnWrite(3);
      assertThatThrownBy(() -> engine().backfill(orders)).isInstanceOf(SyncException.class)
          .hasMessageContaining("orders").hasMessageContaining("page 3");
      assertThat(store.count("orders")).isEqualTo(20);
      assertThat(store.state("orders").flatMap(SyncState::checkpoint).orElseThrow().pages()).isEqualTo(2);
      engine().backfill(orders);
      assertStoreMatchesSource(orders);
    }

    @Test
    void catchesRecordsChangedWhileItPages() {
      seedOrders();
      // While page 3 is requested, records already read (ids 1..20) and not yet read change.
      source.beforeFetch(3, n -> {
        clock.advance(Duration.ofSeconds(5));
        source.touch("orders", 5, clock.instant());
        source.touch("orders", 15, clock.instant());
        source.touch("orders", 60, clock.instant());
      });
      engine().backfill(orders);
      assertStoreMatchesSource(orders);
    }

    @Test
    void losesNothingWhenRecordsChangeUnderPageNumberPagination() {
      seedOrders();
      source.paginateByPageNumber();
      // Records already read and records not yet read change while we page by number: the
      // catch-up pass from the backfill's mark reads every one of them again.
      source.beforeFetch(3, n -> {
        clock.advance(Duration.ofSeconds(5));
        source.touch("orders", 3, clock.instant());
        source.touch("orders", 31, clock.instant());
        source.put("orders", 96, clock.instant());
      });
      engine().backfill(orders);
      assertStoreMatchesSource(orders);
    }

    @Test
    void limitedToADateRangeStoresOnlyThatRange() {
      seedOrders();
      for (int i = 1; i <= 95; i++) {
        source.created("orders", i, LocalDate.of(2026, 11, i <= 50 ? 1 : 20));
      }
      SyncResult r = engineBuilder().sourceClockMargin(Duration.ZERO).build()
          .backfill(orders, DateRange.between(LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 30)));
      assertThat(r.inserted()).isEqualTo(45);
      assertThat(store.find("orders", "50")).isEmpty();
      assertThat(store.find("orders", "51")).isPresent();
    }

    @Test
    void ofAnEmptyResourceCompletesAndLaterPicksUpNewRecords() {
      engine().backfill(orders);
      assertThat(store.count("orders")).isZero();
      clock.advance(Duration.ofMinutes(1));
      source.put("orders", 1, clock.instant());
      engine().incremental(orders);
      assertStoreMatchesSource(orders);
    }

    @Test
    void resumesAfterAStopOnTheSameSourceWithoutRereadingCommittedPages() {
      seedOrders();
      source.failOnFetch(2);
      assertThatThrownBy(() -> engine().backfill(orders)).isInstanceOf(SyncException.class);
      int servedBefore = source.recordsServed();
      engine().sync(orders); // the policy sees the incomplete backfill and resumes it
      assertStoreMatchesSource(orders);
      // 95 records, 10 were committed before the stop: the resumed run never served those again
      // except through the short catch-up window after the mark.
      assertThat(source.recordsServed() - servedBefore).isLessThan(95 + 10);
    }
  }

  @Nested
  @DisplayName("incremental")
  class Incremental {

    @Test
    void fetchesOnlyNewAndChangedRecords() {
      seedOrders();
      engine().backfill(orders);
      clock.advance(Duration.ofHours(3));
      source.touch("orders", 7, clock.instant());
      source.put("orders", 200, clock.instant());
      int before = source.recordsServed();
      SyncResult r = engine().incremental(orders);
      assertThat(source.recordsServed() - before).isEqualTo(2);
      assertThat(r.inserted()).isEqualTo(1);
      assertThat(r.updated()).isEqualTo(1);
      assertStoreMatchesSource(orders);
      assertThat(r.cursor()).contains(Cursor.Timestamped.after(clock.instant(), "200"));
    }

    @Test
    void continuesARunOfEqualTimestampsLongerThanAPageAfterAStopInsideIt() {
      // kafka-connect-jdbc PR #1093 / #598: a stop inside a run of equal timestamps must not strand the rest.
      engine().backfill(orders);
      clock.advance(Duration.ofMinutes(10));
      Instant t = clock.instant();
      source.putRun("orders", 1, 35, t);
      clock.advance(Duration.ofMinutes(1));
      source.failOnFetch(3);
      assertThatThrownBy(() -> engine().incremental(orders)).isInstanceOf(SyncException.class);
      assertThat(store.count("orders")).isEqualTo(20);
      assertThat(store.state("orders").flatMap(SyncState::cursor)).contains(Cursor.Timestamped.after(t, "20"));
      engine().incremental(orders);
      assertStoreMatchesSource(orders);
    }

    @Test
    void neverLetsTheCursorRunAheadOfWhatWasCommitted() {
      // kafka-connect-jdbc PR #1239: a failed write must not advance the next run's starting point.
      engine().backfill(orders);
      clock.advance(Duration.ofMinutes(10));
      for (int i = 1; i <= 30; i++) {
        source.put("orders", i, clock.instant().plusMillis(i));
      }
      clock.advance(Duration.ofMinutes(1));
      store.failOnWrite(2);
      assertThatThrownBy(() -> engine().incremental(orders)).isInstanceOf(SyncException.class)
          .hasMessageContaining("page 2");
      assertThat(store.count("orders")).isEqualTo(10);
      engine().incremental(orders);
      assertStoreMatchesSource(orders);
    }

    @Test
    void picksUpRecordsUpdatedWhileItPages() {
      seedOrders();
      engine().backfill(orders);
      clock.advance(Duration.ofHours(1));
      for (int i = 1; i <= 30; i++) {
        source.touch("orders", i, clock.instant().plusMillis(i));
      }
      clock.advance(Duration.ofMinutes(1));
      source.beforeFetch(2, n -> {
        source.touch("orders", 3, clock.instant()); // already read: moves ahead of us
        source.touch("orders", 25, clock.instant()); // not read yet: moves further ahead
        source.touch("orders", 90, clock.instant());
      });
      engine().incremental(orders);
      assertStoreMatchesSource(orders);
    }

    @Test
    void withALookbackCatchesRecordsThatBecameVisibleLate() {
      // dlt #2269: a record committed late with an earlier timestamp.
      Resource lagged = orders.toBuilder().lookback(Duration.ofMinutes(5)).build();
      SyncEngine engine = SyncEngine.builder(source, store).resource(lagged).clock(clock).build();
      seedOrders();
      engine.backfill(lagged);
      clock.advance(Duration.ofMinutes(10));
      Instant t = clock.instant();
      source.put("orders", 300, t);
      source.putLate("orders", 301, t.minusSeconds(60), t.plusSeconds(30)); // visible 90 s late
      engine.incremental(lagged);
      assertThat(store.find("orders", "301")).isEmpty();
      clock.advance(Duration.ofMinutes(1));
      SyncResult r = engine.incremental(lagged);
      assertThat(store.find("orders", "301")).isPresent();
      assertThat(r.unchanged()).isGreaterThanOrEqualTo(1); // 300 read again, deduplicated
      assertStoreMatchesSource(orders);
    }

    @Test
    void firstRunWithoutStateLooksBack24Hours() {
      seedOrders(); // ids 76..95 changed 20 h ago, the rest 30 h ago or more
      SyncResult r = engine().incremental(orders);
      assertThat(r.inserted()).isEqualTo(20);
      assertThat(store.find("orders", "76")).isPresent();
      assertThat(store.find("orders", "75")).isEmpty();
    }

    @Test
    void readsIdOnlyResourcesByIdAndRefreshesThemInFull() {
      for (int i = 1; i <= 25; i++) {
        source.putIdOnly("technicians", i);
      }
      SyncEngine engine = engine();
      engine.sync(technicians);
      assertStoreMatchesSource(technicians);
      source.putIdOnly("technicians", 26);
      source.putIdOnly("technicians", 9); // an edit: invisible to id > last_id
      clock.advance(Duration.ofHours(3));
      SyncResult delta = engine.sync(technicians);
      assertThat(delta.mode()).isEqualTo(SyncMode.INCREMENTAL);
      assertThat(delta.inserted()).isEqualTo(1);
      assertThat(store.find("technicians", "9").orElseThrow().json()).isNotEqualTo(source.snapshot("technicians").get("9"));
      clock.advance(Duration.ofHours(22));
      SyncResult refresh = engine.sync(technicians);
      assertThat(refresh.mode()).isEqualTo(SyncMode.BACKFILL);
      assertStoreMatchesSource(technicians);
    }

    @Test
    void comparesNumericIdsAsNumbers() {
      for (int i = 1; i <= 12; i++) {
        source.putIdOnly("technicians", i);
      }
      SyncEngine engine = engine();
      engine.backfill(technicians);
      assertThat(store.state("technicians").flatMap(SyncState::cursor)).contains(new Cursor.IdOnly("12"));
      source.putIdOnly("technicians", 100);
      engine.incremental(technicians);
      assertThat(store.state("technicians").flatMap(SyncState::cursor)).contains(new Cursor.IdOnly("100"));
      assertStoreMatchesSource(technicians);
    }

    @Test
    void worksTheSameWithoutFetchingAhead() {
      seedOrders();
      SyncEngine engine = engineBuilder().fetchAhead(false).build();
      engine.backfill(orders);
      clock.advance(Duration.ofHours(1));
      source.touch("orders", 41, clock.instant());
      engine.incremental(orders);
      assertStoreMatchesSource(orders);
    }
  }

  @Nested
  @DisplayName("bad input")
  class BadInput {

    @Test
    void aRecordWithoutItsTimestampFailsThePageAndStoresNothingOfIt() {
      seedOrders();
      SyncEngine engine = engine();
      engine.backfill(orders);
      long count = store.count("orders");
      Cursor cursor = store.state("orders").flatMap(SyncState::cursor).orElseThrow();
      RecordSource broken = req -> Page.of(List.of(
          SourceRecord.of("500", T0, "{\"id\":500}"), SourceRecord.withoutTimestamp("501", "{\"id\":501}")), false);
      SyncEngine brokenEngine = SyncEngine.builder(broken, store).resource(orders).clock(clock).build();
      assertThatThrownBy(() -> brokenEngine.incremental(orders))
          .isInstanceOf(InvalidRecordException.class)
          .hasMessageContaining("orders").hasMessageContaining("page 1")
          .hasMessageContaining("updated_at").hasMessageContaining("501");
      assertThat(store.count("orders")).isEqualTo(count);
      assertThat(store.state("orders").flatMap(SyncState::cursor)).contains(cursor);
    }

    @Test
    void recordsOutOfOrderFailThePage() {
      RecordSource unordered = req -> Page.of(List.of(
          SourceRecord.of("2", T0, "{}"), SourceRecord.of("1", T0, "{}")), false);
      SyncEngine engine = SyncEngine.builder(unordered, store).resource(orders).clock(clock).build();
      assertThatThrownBy(() -> engine.backfill(orders)).isInstanceOf(InvalidRecordException.class)
          .hasMessageContaining("out of the requested order");
      assertThat(store.count("orders")).isZero();
    }

    @Test
    void aSourceThatPromisesMorePagesButGivesNoWayForwardStopsInsteadOfLooping() {
      RecordSource stuck = req -> Page.of(List.of(), true);
      SyncEngine engine = SyncEngine.builder(stuck, store).resource(orders).clock(clock).build();
      assertThatThrownBy(() -> engine.backfill(orders)).isInstanceOf(SyncException.class)
          .hasMessageContaining("loop");
    }
  }

  @Nested
  @DisplayName("leases")
  class Leases {

    @Test
    void aSecondInstanceIsToldTheResourceIsBusy() {
      store.tryAcquireLease("orders", "other-instance", clock.instant(), Duration.ofMinutes(2));
      assertThatThrownBy(() -> engine().backfill(orders))
          .isInstanceOf(ResourceBusyException.class)
          .hasMessageContaining("other-instance");
      assertThat(store.count("orders")).isZero();
    }

    @Test
    void anInstanceWhoseLeaseWasTakenOverCannotCommitAnotherPage() {
      seedOrders();
      SyncEngine slow = engineBuilder().leaseDuration(Duration.ofMinutes(1)).fetchAhead(false).build();
      // Between pages 2 and 3 this instance stalls past its lease and another one takes over.
      source.beforeFetch(3, n -> {
        clock.advance(Duration.ofMinutes(2));
        store.tryAcquireLease("orders", "other-instance", clock.instant(), Duration.ofMinutes(5));
      });
      assertThatThrownBy(() -> slow.backfill(orders))
          .isInstanceOf(SyncException.class).hasMessageContaining("lease").hasMessageContaining("orders");
      assertThat(store.count("orders")).isEqualTo(20);
      assertThat(store.state("orders").flatMap(SyncState::checkpoint).orElseThrow().pages()).isEqualTo(2);
      assertThat(store.currentLease("orders", clock.instant()).map(io.syncline.spi.Lease::owner))
          .contains("other-instance");
    }

    @Test
    void aCrashedHoldersLeaseIsTakenOverOnceItExpires() {
      seedOrders();
      store.tryAcquireLease("orders", "crashed-instance", clock.instant(), Duration.ofMinutes(2));
      clock.advance(Duration.ofMinutes(3));
      engine().backfill(orders);
      assertStoreMatchesSource(orders);
      assertThat(store.currentLease("orders", clock.instant())).isEmpty();
    }
  }

  @Nested
  @DisplayName("freshness and local-first reads")
  class Freshness {

    @Test
    void syncDecidesBackfillThenNothingThenADelta() {
      seedOrders();
      SyncEngine engine = engine();
      assertThat(engine.sync(orders).mode()).isEqualTo(SyncMode.BACKFILL);
      clock.advance(Duration.ofMinutes(30));
      assertThat(engine.shouldRunIncrementalSync(orders)).isFalse();
      assertThat(engine.sync(orders).mode()).isEqualTo(SyncMode.NONE);
      clock.advance(Duration.ofMinutes(90));
      assertThat(engine.shouldRunIncrementalSync(orders)).isTrue();
      assertThat(engine.sync(orders).mode()).isEqualTo(SyncMode.INCREMENTAL);
    }

    @Test
    void localFirstReadTellsWhereTheDataCameFrom() {
      seedOrders();
      SyncEngine engine = engine();
      LocalRead<Long> first = engine.readLocalFirst(orders, () -> store.count("orders"));
      assertThat(first.origin()).isEqualTo(DataOrigin.AFTER_BACKFILL);
      assertThat(first.value()).isEqualTo(95);

      LocalRead<Long> cached = engine.readLocalFirst(orders, () -> store.count("orders"));
      assertThat(cached.origin()).isEqualTo(DataOrigin.LOCAL);

      clock.advance(Duration.ofHours(3));
      source.put("orders", 500, clock.instant());
      LocalRead<Long> delta = engine.readLocalFirst(orders, () -> store.count("orders"));
      assertThat(delta.origin()).isEqualTo(DataOrigin.AFTER_INCREMENTAL);
      assertThat(delta.value()).isEqualTo(96);
      assertThat(delta.age()).contains(Duration.ZERO);
    }

    @Test
    void servesStaleLocalDataWithTheErrorWhenTheSourceIsDown() {
      seedOrders();
      SyncEngine engine = engine();
      engine.backfill(orders);
      clock.advance(Duration.ofHours(3));
      source.failOnFetch(1);
      LocalRead<Long> read = engine.readLocalFirst(orders, () -> store.count("orders"));
      assertThat(read.origin()).isEqualTo(DataOrigin.STALE_AFTER_FAILURE);
      assertThat(read.value()).isEqualTo(95);
      assertThat(read.error()).get().extracting(Throwable::getMessage).asString().contains("orders");
      assertThat(read.age()).contains(Duration.ofHours(3));
    }

    @Test
    void failsOnlyWhenTheSourceIsDownAndNothingIsStored() {
      source.failOnFetch(1);
      assertThatThrownBy(() -> engine().readLocalFirst(orders, () -> store.count("orders")))
          .isInstanceOf(SyncException.class);
    }

    @Test
    void servesLocalDataWhileAnotherInstanceSyncs() {
      seedOrders();
      SyncEngine engine = engine();
      engine.backfill(orders);
      clock.advance(Duration.ofHours(3));
      store.tryAcquireLease("orders", "other-instance", clock.instant(), Duration.ofMinutes(2));
      LocalRead<Long> read = engine.readLocalFirst(orders, () -> store.count("orders"));
      assertThat(read.origin()).isEqualTo(DataOrigin.LOCAL_WHILE_BUSY);
      assertThat(read.value()).isEqualTo(95);
    }

    @Test
    void syncAllReportsEachResourceAndKeepsGoingAfterAFailure() {
      seedOrders();
      for (int i = 1; i <= 5; i++) {
        source.putIdOnly("technicians", i);
      }
      source.failOnFetch(1);
      List<SyncResult> results = engine().syncAll();
      assertThat(results).extracting(SyncResult::resource).containsExactly("orders", "technicians");
      assertThat(results.get(0).failure()).isPresent();
      assertThat(results.get(1).succeeded()).isTrue();
      assertStoreMatchesSource(technicians);
    }
  }

  @Nested
  @DisplayName("progress")
  class ProgressEvents {

    @Test
    void reportsPagesRecordsAndTotalAfterEveryPage() {
      seedOrders();
      engine().backfill(orders);
      List<io.syncline.Progress> progress = events.stream()
          .filter(e -> e instanceof SyncEvent.PageCommitted).map(e -> ((SyncEvent.PageCommitted) e).progress())
          .toList();
      assertThat(progress).isNotEmpty();
      assertThat(progress.get(0).total()).hasValue(95);
      assertThat(progress.get(0).records()).isEqualTo(10);
      assertThat(progress.get(9).records()).isEqualTo(95);
      assertThat(events.get(0)).isInstanceOf(SyncEvent.Started.class);
      assertThat(events.get(events.size() - 1)).isInstanceOf(SyncEvent.Finished.class);
    }

    @Test
    void aFailingListenerNeverBreaksASync() {
      seedOrders();
      SyncEngine engine = engineBuilder().listener(e -> {
        throw new IllegalStateException("listener bug");
      }).build();
      engine.backfill(orders);
      assertStoreMatchesSource(orders);
    }

    @Test
    void aFailureIsReportedWithTheResourceAndPage() {
      seedOrders();
      source.failOnFetch(2);
      assertThatThrownBy(() -> engine().backfill(orders)).isInstanceOf(SyncException.class);
      SyncEvent.Failed failed = (SyncEvent.Failed) events.stream().filter(e -> e instanceof SyncEvent.Failed)
          .findFirst().orElseThrow();
      assertThat(failed.error().resource()).isEqualTo("orders");
      assertThat(failed.error().page()).hasValue(2);
      assertThat(Collections.unmodifiableList(events)).noneMatch(e -> e instanceof SyncEvent.Finished);
    }
  }
}
