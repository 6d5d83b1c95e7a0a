package io.syncline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.Checkpoint;
import io.syncline.Cursor;
import io.syncline.DateRange;
import io.syncline.LeaseLostException;
import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.SyncState;
import io.syncline.SyncStatus;
import io.syncline.Traffic;
import io.syncline.Validator;
import io.syncline.spi.Lease;
import io.syncline.spi.PageWrite;
import io.syncline.spi.RecordStore;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import io.syncline.spi.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link RecordStore} must have. A store implementation's test extends this
 * class and supplies a fresh, empty store per test; the same tests then run against it.
 *
 * <p>Subclasses clean up what {@link #newStore()} created in their own {@code @AfterEach}.
 */
public abstract class RecordStoreContract extends DeletionStoreContract {

  /** A fixed instant most tests start from. */
  protected static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private static final Resource ORDERS = Resource.builder("orders").cursorField("updated_at").build();
  private static final Resource TECHNICIANS = Resource.builder("technicians").build();

  /** The store under test, fresh and empty for each test. */
  protected RecordStore store;

  /**
   * Creates a fresh, empty store; called before each test.
   *
   * @return the store
   */
  protected abstract RecordStore newStore();

  /**
   * Creates a second, independent store instance on the same database as {@code store} (for a
   * JDBC store: another {@code Jdbi} and connections), to prove leases work across instances.
   *
   * @param store the first store
   * @return another instance seeing the same data
   */
  protected abstract RecordStore anotherStoreOnSameDatabase(RecordStore store);

  /**
   * Arranges for the next {@link RecordStore#write} on {@code store} to fail, as late as the
   * implementation allows (ideally after its records reached the database), to prove a failed
   * write leaves neither records nor state.
   *
   * @param store the store
   */
  protected abstract void failNextWrite(RecordStore store);

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Override
  protected RecordStore storeUnderTest() {
    return store;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static SourceRecord rec(String id, Instant updatedAt, String json) {
    return SourceRecord.of(id, updatedAt, json);
  }

  private static SourceRecord rec(String id, Instant updatedAt) {
    return rec(id, updatedAt, "{\"id\":\"" + id + "\",\"updated_at\":\"" + updatedAt + "\"}");
  }

  private static SyncState stateAfter(Resource resource, String lastId, Instant updatedAt) {
    return SyncState.initial(resource.name()).running(SyncMode.INCREMENTAL)
        .withCursor(Optional.of(Cursor.Timestamped.after(updatedAt, lastId)));
  }

  private WriteResult write(Resource resource, Instant fetchedAt, SourceRecord... records) {
    SourceRecord last = records.length > 0 ? records[records.length - 1] : null;
    SyncState state = last == null
        ? SyncState.initial(resource.name()).running(SyncMode.INCREMENTAL)
        : last.updatedAt().map(u -> stateAfter(resource, last.id(), u))
            .orElse(SyncState.initial(resource.name()).running(SyncMode.BACKFILL)
                .withCursor(Optional.of(new Cursor.IdOnly(last.id()))));
    return store.write(new PageWrite(resource, List.of(records), state, fetchedAt));
  }

  private StoredRecord stored(String resource, String id) {
    return store.find(resource, id).orElseThrow(() -> new AssertionError(resource + "/" + id + " not stored"));
  }

  private List<String> idsOf(RecordStore s, String resource) {
    try (Stream<StoredRecord> records = s.stream(resource)) {
      return records.map(StoredRecord::id).collect(Collectors.toList());
    }
  }

  // ---- upsert --------------------------------------------------------------------------------

  @Test
  void newRecordsAreInsertedWithFetchedAndSyncedAtSetToThePagesFetchTime() {
    WriteResult result = write(ORDERS, T0, rec("1", T0), rec("2", T0.plusSeconds(1)));

    assertThat(result).isEqualTo(new WriteResult(2, 0, 0));
    assertThat(store.count("orders")).isEqualTo(2);
    StoredRecord one = stored("orders", "1");
    assertThat(one.resource()).isEqualTo("orders");
    assertThat(one.json()).isEqualTo(rec("1", T0).json());
    assertThat(one.updatedAt()).contains(T0);
    assertThat(one.fetchedAt()).isEqualTo(T0);
    assertThat(one.syncedAt()).isEqualTo(T0);
  }

  @Test
  void reapplyingTheSamePageLeavesTheSameRowsAndOnlyMovesFetchedAt() {
    SourceRecord[] page = {rec("1", T0), rec("2", T0.plusSeconds(1)), rec("3", T0.plusSeconds(2))};
    write(ORDERS, T0, page);
    Instant later = T0.plus(Duration.ofMinutes(5));

    WriteResult again = write(ORDERS, later, page);

    assertThat(again).isEqualTo(new WriteResult(0, 0, 3));
    assertThat(store.count("orders")).isEqualTo(3);
    for (SourceRecord r : page) {
      StoredRecord s = stored("orders", r.id());
      assertThat(s.json()).isEqualTo(r.json());
      assertThat(s.updatedAt()).isEqualTo(r.updatedAt());
      assertThat(s.syncedAt()).as("synced_at of an unchanged record").isEqualTo(T0);
      assertThat(s.fetchedAt()).as("fetched_at of a re-fetched record").isEqualTo(later);
    }
  }

  @Test
  void reReadingAThousandRecordPageMovesFetchedAtOfEachUnchangedRecordAndOfNoOther() {
    SourceRecord[] page = new SourceRecord[1_000];
    for (int i = 0; i < page.length; i++) {
      page[i] = rec(Integer.toString(i + 1), T0.plusSeconds(i));
    }
    write(ORDERS, T0, page);
    write(ORDERS, T0, rec("1001", T0));
    SourceRecord[] again = page.clone();
    again[999] = rec("1000", T0.plusSeconds(999), "{\"v\":2}");
    Instant later = T0.plus(Duration.ofMinutes(5));

    WriteResult result = write(ORDERS, later, again);

    assertThat(result).isEqualTo(new WriteResult(0, 1, 999));
    for (int i = 0; i < 999; i++) {
      StoredRecord s = stored("orders", page[i].id());
      assertThat(s.fetchedAt()).as("fetched_at of unchanged %s", s.id()).isEqualTo(later);
      assertThat(s.syncedAt()).as("synced_at of unchanged %s", s.id()).isEqualTo(T0);
    }
    assertThat(stored("orders", "1000").syncedAt()).isEqualTo(later);
    assertThat(stored("orders", "1001").fetchedAt()).as("a record the page did not hold").isEqualTo(T0);
  }

  @Test
  void aNewerVersionReplacesTheStoredOneAndCountsAsUpdated() {
    write(ORDERS, T0, rec("1", T0, "{\"v\":1}"));
    Instant later = T0.plusSeconds(60);

    WriteResult result = write(ORDERS, later, rec("1", T0.plusSeconds(30), "{\"v\":2}"));

    assertThat(result).isEqualTo(new WriteResult(0, 1, 0));
    StoredRecord s = stored("orders", "1");
    assertThat(s.json()).isEqualTo("{\"v\":2}");
    assertThat(s.updatedAt()).contains(T0.plusSeconds(30));
    assertThat(s.syncedAt()).isEqualTo(later);
    assertThat(s.fetchedAt()).isEqualTo(later);
  }

  @Test
  void anOlderVersionNeverOverwritesTheStoredOneAndCountsAsUnchanged() {
    write(ORDERS, T0, rec("1", T0.plusSeconds(30), "{\"v\":2}"));
    Instant later = T0.plusSeconds(60);

    WriteResult result = write(ORDERS, later, rec("1", T0, "{\"v\":1}"));

    assertThat(result).isEqualTo(new WriteResult(0, 0, 1));
    StoredRecord s = stored("orders", "1");
    assertThat(s.json()).isEqualTo("{\"v\":2}");
    assertThat(s.updatedAt()).contains(T0.plusSeconds(30));
    assertThat(s.syncedAt()).isEqualTo(T0);
  }

  @Test
  void aChangedPayloadWithTheSameTimestampCountsAsUpdated() {
    write(ORDERS, T0, rec("1", T0, "{\"v\":1}"));

    WriteResult result = write(ORDERS, T0.plusSeconds(1), rec("1", T0, "{\"v\":1, \"note\":\"fixed\"}"));

    assertThat(result).isEqualTo(new WriteResult(0, 1, 0));
    assertThat(stored("orders", "1").json()).isEqualTo("{\"v\":1, \"note\":\"fixed\"}");
  }

  @Test
  void recordsWithoutTimestampAreReplacedWhenTheirPayloadChanges() {
    store.write(new PageWrite(TECHNICIANS, List.of(SourceRecord.withoutTimestamp("7", "{\"name\":\"Ana\"}")),
        SyncState.initial("technicians"), T0));

    WriteResult same = store.write(new PageWrite(TECHNICIANS,
        List.of(SourceRecord.withoutTimestamp("7", "{\"name\":\"Ana\"}")), SyncState.initial("technicians"),
        T0.plusSeconds(1)));
    WriteResult changed = store.write(new PageWrite(TECHNICIANS,
        List.of(SourceRecord.withoutTimestamp("7", "{\"name\":\"Ana Lima\"}")), SyncState.initial("technicians"),
        T0.plusSeconds(2)));

    assertThat(same).isEqualTo(new WriteResult(0, 0, 1));
    assertThat(changed).isEqualTo(new WriteResult(0, 1, 0));
    StoredRecord s = stored("technicians", "7");
    assertThat(s.json()).isEqualTo("{\"name\":\"Ana Lima\"}");
    assertThat(s.updatedAt()).isEmpty();
    assertThat(s.syncedAt()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void countsAreExactForAMixedPageLargerThanABatch() {
    List<SourceRecord> first = new ArrayList<>();
    for (int i = 1; i <= 1200; i++) {
      first.add(rec(Integer.toString(i), T0.plusSeconds(i)));
    }
    assertThat(store.write(new PageWrite(ORDERS, first, SyncState.initial("orders"), T0)))
        .isEqualTo(new WriteResult(1200, 0, 0));

    // 1..400 unchanged, 401..800 newer (updated), 801..1200 older (kept), 1201..1500 new.
    List<SourceRecord> second = new ArrayList<>();
    for (int i = 1; i <= 1500; i++) {
      String id = Integer.toString(i);
      if (i <= 400) {
        second.add(rec(id, T0.plusSeconds(i)));
      } else if (i <= 800) {
        second.add(rec(id, T0.plusSeconds(i + 10_000), "{\"id\":" + i + ",\"v\":2}"));
      } else if (i <= 1200) {
        second.add(rec(id, T0.minusSeconds(i), "{\"id\":" + i + ",\"v\":0}"));
      } else {
        second.add(rec(id, T0.plusSeconds(i)));
      }
    }
    WriteResult result = store.write(new PageWrite(ORDERS, second, SyncState.initial("orders"), T0.plusSeconds(1)));

    assertThat(result).isEqualTo(new WriteResult(300, 400, 800));
    assertThat(store.count("orders")).isEqualTo(1500);
    assertThat(stored("orders", "500").json()).isEqualTo("{\"id\":500,\"v\":2}");
    assertThat(stored("orders", "1000").json()).isEqualTo(rec("1000", T0.plusSeconds(1000)).json());
  }

  @Test
  void aPageFetchedAtAnInstantAlreadySeenCountsItsUnchangedRecordsUnchanged() {
    // A clock that went back: the page's fetch time is one the row was already synced at.
    SourceRecord[] page = {rec("1", T0), rec("2", T0)};
    write(ORDERS, T0.plusSeconds(10), page);
    write(ORDERS, T0.plusSeconds(20), page);

    WriteResult result = write(ORDERS, T0.plusSeconds(10), page);

    assertThat(result.unchanged()).isEqualTo(2);
    assertThat(result.updated()).isZero();
    assertThat(stored("orders", "1").syncedAt()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void pagesOfNewIdsAndPagesHoldingStoredOnesAlternateWithExactCounts() {
    // A store may take a shorter way after a page whose ids were all new (a backfill's pages):
    // the page after it may still hold stored ids, changed, unchanged or older.
    write(ORDERS, T0, rec("1", T0), rec("2", T0));

    WriteResult mixed = write(ORDERS, T0.plusSeconds(1), rec("1", T0), rec("2", T0.plusSeconds(5), "{\"v\":2}"),
        rec("3", T0));
    WriteResult fresh = write(ORDERS, T0.plusSeconds(2), rec("4", T0), rec("5", T0));
    WriteResult known = write(ORDERS, T0.plusSeconds(3), rec("4", T0.minusSeconds(1), "{\"v\":0}"), rec("5", T0));

    assertThat(mixed).isEqualTo(new WriteResult(1, 1, 1));
    assertThat(fresh).isEqualTo(new WriteResult(2, 0, 0));
    assertThat(known).isEqualTo(new WriteResult(0, 0, 2));
    assertThat(store.count("orders")).isEqualTo(5);
    assertThat(stored("orders", "2").json()).isEqualTo("{\"v\":2}");
    assertThat(stored("orders", "4").json()).isEqualTo(rec("4", T0).json());
    assertThat(stored("orders", "5").fetchedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(stored("orders", "5").syncedAt()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void textIsStoredExactlyWhateverCharactersItHolds() {
    // Quotes, backslashes, braces, commas, NULL-like and non-ASCII text: what a driver escapes
    // when it writes arrays or lists as literals.
    String json = "{\"note\":\"say \\\"hi\\\" {a,b} \\\\ NULL é 漢 \uD83D\uDE00\",\"n\":null}";
    List<String> ids = List.of("NULL", "a,b", "{x}", "q\"uote", "back\\slash", "é漢");
    SourceRecord[] page = ids.stream().map(id -> rec(id, T0, json)).toArray(SourceRecord[]::new);

    WriteResult first = write(ORDERS, T0, page);
    WriteResult again = write(ORDERS, T0.plusSeconds(1), page);

    assertThat(first.inserted()).isEqualTo(ids.size());
    assertThat(again.unchanged()).isEqualTo(ids.size());
    for (String id : ids) {
      assertThat(stored("orders", id).json()).isEqualTo(json);
      assertThat(stored("orders", id).updatedAt()).contains(T0);
    }
  }

  @Test
  void theSameIdTwiceInOnePageIsAppliedInOrder() {
    WriteResult result = write(ORDERS, T0,
        rec("1", T0, "{\"v\":1}"), rec("1", T0.plusSeconds(5), "{\"v\":2}"), rec("1", T0.plusSeconds(1), "{\"v\":0}"));

    assertThat(result).isEqualTo(new WriteResult(1, 1, 1));
    assertThat(store.count("orders")).isEqualTo(1);
    assertThat(stored("orders", "1").json()).isEqualTo("{\"v\":2}");
  }

  @Test
  void anEmptyPageStoresOnlyTheState() {
    SyncState state = SyncState.initial("orders").succeeded(SyncMode.INCREMENTAL, T0);

    WriteResult result = store.write(new PageWrite(ORDERS, List.of(), state, T0));

    assertThat(result).isEqualTo(WriteResult.EMPTY);
    assertThat(store.count("orders")).isZero();
    assertThat(store.state("orders")).contains(state);
  }

  // ---- atomicity -----------------------------------------------------------------------------

  @Test
  void aFailedWriteLeavesNeitherItsRecordsNorItsState() {
    SyncState committed = stateAfter(ORDERS, "2", T0.plusSeconds(2));
    store.write(new PageWrite(ORDERS, List.of(rec("1", T0, "{\"v\":1}"), rec("2", T0.plusSeconds(2))),
        committed, T0));
    failNextWrite(store);

    List<SourceRecord> page = new ArrayList<>();
    page.add(rec("1", T0.plusSeconds(100), "{\"v\":2}"));
    for (int i = 3; i <= 1100; i++) {
      page.add(rec(Integer.toString(i), T0.plusSeconds(100 + i)));
    }
    SyncState next = stateAfter(ORDERS, "1100", T0.plusSeconds(1200));
    assertThatThrownBy(() -> store.write(new PageWrite(ORDERS, page, next, T0.plusSeconds(300))))
        .isInstanceOf(RuntimeException.class);

    assertThat(store.count("orders")).isEqualTo(2);
    assertThat(store.find("orders", "3")).isEmpty();
    StoredRecord one = stored("orders", "1");
    assertThat(one.json()).isEqualTo("{\"v\":1}");
    assertThat(one.fetchedAt()).isEqualTo(T0);
    assertThat(store.state("orders")).contains(committed);

    // and the store still works afterwards
    assertThat(store.write(new PageWrite(ORDERS, page, next, T0.plusSeconds(400))))
        .isEqualTo(new WriteResult(1098, 1, 0));
    assertThat(store.state("orders")).contains(next);
  }

  // ---- state ---------------------------------------------------------------------------------

  @Test
  void aResourceNeverSyncedHasNoState() {
    assertThat(store.state("orders")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"timestamped", "timestampOnly", "idOnly", "none"})
  void statesRoundTripWithTheirCursor(String kind) {
    Optional<Cursor> cursor = switch (kind) {
      case "timestamped" -> Optional.of(Cursor.Timestamped.after(Instant.parse("2026-11-27T23:59:59.123Z"), "42"));
      case "timestampOnly" -> Optional.of(Cursor.Timestamped.atOrAfter(Instant.parse("2026-11-27T08:00:00Z")));
      case "idOnly" -> Optional.of(new Cursor.IdOnly("ORD-0042"));
      default -> Optional.empty();
    };
    SyncState state = SyncState.initial("orders").withCursor(cursor).succeeded(SyncMode.INCREMENTAL, T0);

    store.saveState(state);

    assertThat(store.state("orders")).contains(state);
  }

  @Test
  void aStateWithCheckpointBackfillTimeAndErrorRoundTrips() {
    Checkpoint checkpoint = Checkpoint.start(Optional.of(DateRange.parse("2026-01-01..2026-06-30")), T0)
        .advance(Optional.of(Cursor.Timestamped.after(T0.minusSeconds(5), "99")), Optional.of("tok&en=é/1"),
            Optional.of(T0.minusSeconds(3600)), 100);
    SyncState state = new SyncState("orders", SyncMode.BACKFILL, SyncStatus.FAILED,
        Optional.of(Cursor.Timestamped.after(T0.minusSeconds(60), "17")), Optional.of(T0.minusSeconds(7200)),
        Optional.of(T0.minusSeconds(86_400)), Optional.of(checkpoint),
        Optional.of("HTTP 503 from GET /orders?page=3 — ünïcödé 日本 ✓"));

    store.saveState(state);

    assertThat(store.state("orders")).contains(state);
  }

  @Test
  void aStateKeepsItsValidatorAndTheLastRunsTraffic() {
    SyncState state = SyncState.initial("orders").succeeded(SyncMode.INCREMENTAL, T0)
        .withCursor(Optional.of(Cursor.Timestamped.after(T0.minusSeconds(60), "17")))
        .withValidator(Optional.of(new Validator(Validator.Kind.ETAG, "W/\"a1b2-ü\"", "sha256-0123abcd")))
        .withLastTraffic(new Traffic(48, 1, 812_345, 4_760_102));

    store.saveState(state);
    assertThat(store.state("orders")).contains(state);

    SyncState lastModified = state.withValidator(Optional.of(
        new Validator(Validator.Kind.LAST_MODIFIED, "Sun, 29 Nov 2026 10:00:00 GMT", "k")));
    store.saveState(lastModified);
    assertThat(store.state("orders")).contains(lastModified);

    SyncState cleared = lastModified.withValidator(Optional.empty()).withLastTraffic(Traffic.NONE);
    store.saveState(cleared);
    assertThat(store.state("orders")).contains(cleared);
  }

  @Test
  void savingAStateReplacesThePreviousOne() {
    SyncState failed = SyncState.initial("orders").failed(SyncMode.INCREMENTAL, "boom");
    SyncState succeeded = failed.succeeded(SyncMode.INCREMENTAL, T0);

    store.saveState(failed);
    store.saveState(succeeded);

    assertThat(store.state("orders")).contains(succeeded);
    assertThat(store.state("orders").orElseThrow().lastError()).isEmpty();
  }

  @Test
  void theStateWrittenWithAPageIsReadBack() {
    SyncState state = stateAfter(ORDERS, "2", T0.plusSeconds(2));

    store.write(new PageWrite(ORDERS, List.of(rec("1", T0), rec("2", T0.plusSeconds(2))), state, T0));

    assertThat(store.state("orders")).contains(state);
  }

  // ---- leases --------------------------------------------------------------------------------

  @Test
  void aFreeLeaseIsAcquiredAndReportedAsCurrent() {
    Optional<Lease> lease = store.tryAcquireLease("orders", "engine-a", T0, Duration.ofMinutes(5));

    assertThat(lease).contains(new Lease("orders", "engine-a", T0.plus(Duration.ofMinutes(5))));
    assertThat(store.currentLease("orders", T0.plusSeconds(1))).isEqualTo(lease);
  }

  @Test
  void aHeldLeaseIsRefusedToAnotherOwnerButGrantedAgainToItsHolder() {
    store.tryAcquireLease("orders", "engine-a", T0, Duration.ofMinutes(5));

    assertThat(store.tryAcquireLease("orders", "engine-b", T0.plusSeconds(60), Duration.ofMinutes(5))).isEmpty();
    assertThat(store.tryAcquireLease("orders", "engine-a", T0.plusSeconds(60), Duration.ofMinutes(5)))
        .contains(new Lease("orders", "engine-a", T0.plusSeconds(60).plus(Duration.ofMinutes(5))));
    assertThat(store.currentLease("orders", T0.plusSeconds(61)).map(Lease::owner)).contains("engine-a");
  }

  @Test
  void anExpiredLeaseIsTakenOverAndItsFormerHolderCannotRenewIt() {
    Lease a = store.tryAcquireLease("orders", "engine-a", T0, Duration.ofMinutes(5)).orElseThrow();
    Instant afterExpiry = T0.plus(Duration.ofMinutes(6));

    assertThat(store.currentLease("orders", afterExpiry)).isEmpty();
    Optional<Lease> b = store.tryAcquireLease("orders", "engine-b", afterExpiry, Duration.ofMinutes(5));

    assertThat(b.map(Lease::owner)).contains("engine-b");
    assertThat(store.renewLease(a, afterExpiry.plusSeconds(1), Duration.ofMinutes(5))).isEmpty();
    assertThat(store.currentLease("orders", afterExpiry.plusSeconds(2))).isEqualTo(b);
  }

  @Test
  void aWriteUnderTheLeaseItsWriterHoldsCommits() {
    Lease a = store.tryAcquireLease("orders", "engine-a", T0, Duration.ofMinutes(5)).orElseThrow();
    SyncState state = stateAfter(ORDERS, "1", T0);

    store.write(new PageWrite(ORDERS, List.of(rec("1", T0)), state, T0, Optional.of(a)));

    assertThat(store.count("orders")).isEqualTo(1);
    assertThat(store.state("orders")).contains(state);
  }

  @Test
  void aWriteUnderALeaseThatWasTakenOverIsRefusedAndStoresNothing() {
    write(ORDERS, T0, rec("1", T0));
    SyncState before = store.state("orders").orElseThrow();
    Lease a = store.tryAcquireLease("orders", "engine-a", T0, Duration.ofMinutes(5)).orElseThrow();
    Instant later = T0.plus(Duration.ofMinutes(6));
    store.tryAcquireLease("orders", "engine-b", later, Duration.ofMinutes(5)).orElseThrow();

    assertThatThrownBy(() -> store.write(new PageWrite(ORDERS, List.of(rec("2", later), rec("1", later)),
        stateAfter(ORDERS, "2", later), later, Optional.of(a))))
        .isInstanceOf(LeaseLostException.class).hasMessageContaining("engine-a").hasMessageContaining("orders");

    assertThat(store.count("orders")).isEqualTo(1);
    assertThat(stored("orders", "1").updatedAt()).contains(T0);
    assertThat(store.state("orders")).contains(before);
    assertThat(store.currentLease("orders", later).map(Lease::owner)).contains("engine-b");
  }

  @Test
  void aLeaseExpiringExactlyNowCanBeTakenOver() {
    store.tryAcquireLease("orders", "engine-a", T0, Duration.ofMinutes(5));

    assertThat(store.tryAcquireLease("orders", "engine-b", T0.plus(Duration.ofMinutes(5)), Duration.ofMinutes(5)))
        .isPresent();
  }

  @Test
  void aRenewedLeaseLastsLonger() {
    Lease a = store.tryAcquireLease("orders", "engine-a", T0, Duration.ofMinutes(5)).orElseThrow();

    Optional<Lease> renewed = store.renewLease(a, T0.plus(Duration.ofMinutes(4)), Duration.ofMinutes(5));

    assertThat(renewed).contains(new Lease("orders", "engine-a", T0.plus(Duration.ofMinutes(9))));
    assertThat(store.tryAcquireLease("orders", "engine-b", T0.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5)))
        .isEmpty();
  }

  @Test
  void aReleasedLeaseIsFreeAndReleasingSomeoneElsesLeaseDoesNothing() {
    Lease a = store.tryAcquireLease("orders", "engine-a", T0, Duration.ofMinutes(5)).orElseThrow();

    store.releaseLease(new Lease("orders", "engine-b", a.expiresAt()));
    assertThat(store.currentLease("orders", T0.plusSeconds(1))).contains(a);

    store.releaseLease(a);
    assertThat(store.currentLease("orders", T0.plusSeconds(2))).isEmpty();
    assertThat(store.tryAcquireLease("orders", "engine-b", T0.plusSeconds(3), Duration.ofMinutes(5))).isPresent();
  }

  @Test
  void leasesAndStateDoNotDisturbEachOther() {
    Lease a = store.tryAcquireLease("orders", "engine-a", T0, Duration.ofMinutes(5)).orElseThrow();
    assertThat(store.state("orders")).as("a lease alone is no sync state").isEmpty();

    SyncState state = stateAfter(ORDERS, "1", T0);
    store.write(new PageWrite(ORDERS, List.of(rec("1", T0)), state, T0));
    store.saveState(state.succeeded(SyncMode.INCREMENTAL, T0));

    assertThat(store.currentLease("orders", T0.plusSeconds(1))).contains(a);
    store.releaseLease(a);
    assertThat(store.state("orders")).contains(state.succeeded(SyncMode.INCREMENTAL, T0));
  }

  @Test
  void onlyOneOfManyThreadsRacingForALeaseGetsIt() throws Exception {
    for (String resource : List.of("orders", "invoices", "equipments")) {
      List<Optional<Lease>> results = race(8, i -> store.tryAcquireLease(resource, "engine-" + i, T0,
          Duration.ofMinutes(5)));
      assertThat(results.stream().filter(Optional::isPresent).count()).as("winners for " + resource).isEqualTo(1);
    }
  }

  @Test
  void twoStoreInstancesOnOneDatabaseNeverBothHoldALease() throws Exception {
    RecordStore other = anotherStoreOnSameDatabase(store);

    Lease a = store.tryAcquireLease("orders", "engine-a", T0, Duration.ofMinutes(5)).orElseThrow();
    assertThat(other.tryAcquireLease("orders", "engine-b", T0.plusSeconds(1), Duration.ofMinutes(5))).isEmpty();
    assertThat(other.currentLease("orders", T0.plusSeconds(1))).contains(a);
    store.releaseLease(a);

    for (String resource : List.of("invoices", "equipments", "technicians")) {
      List<Optional<Lease>> results = race(6, i -> (i % 2 == 0 ? store : other)
          .tryAcquireLease(resource, "engine-" + i, T0, Duration.ofMinutes(5)));
      assertThat(results.stream().filter(Optional::isPresent).count()).as("winners for " + resource).isEqualTo(1);
    }
  }

  private static <T> List<T> race(int threads, java.util.function.IntFunction<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        Callable<T> c = () -> {
          start.await();
          return task.apply(n);
        };
        futures.add(pool.submit(c));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- identifiers ---------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"orders; DROP TABLE sync_record", "1orders", "order-lines", "", "orders ", "ordérs"})
  void resourceNamesThatAreNotPlainIdentifiersAreRejected(String name) {
    List<Consumer<RecordStore>> uses = List.of(
        s -> s.count(name),
        s -> s.find(name, "1"),
        s -> s.stream(name).close(),
        s -> s.state(name),
        s -> s.tryAcquireLease(name, "engine-a", T0, Duration.ofMinutes(1)),
        s -> s.currentLease(name, T0));
    for (Consumer<RecordStore> use : uses) {
      assertThatThrownBy(() -> use.accept(store)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("name");
    }
  }

  // ---- payloads ------------------------------------------------------------------------------

  @Test
  void unicodePayloadsRoundTripUnchanged() {
    String json = "{\"name\":\"Zoë Ångström\",\"city\":\"São Paulo\",\"cjk\":\"東京都 서울 北京\","
        + "\"emoji\":\"🚚🔧✅👩🏽‍🔧\",\"escaped\":\"\\u00e9\\n\\t\\\"q\\\"\",\"rtl\":\"עברית\",\n  \"spaced\" :  [ 1 , 2 ]}";

    write(ORDERS, T0, rec("1", T0, json));

    assertThat(stored("orders", "1").json()).isEqualTo(json);
    try (Stream<StoredRecord> s = store.stream("orders")) {
      assertThat(s.map(StoredRecord::json)).containsExactly(json);
    }
  }

  @Test
  void deeplyNestedPayloadsRoundTripUnchanged() {
    int depth = 150;
    String json = "{\"a\":".repeat(depth) + "[1,{\"b\":null,\"c\":true,\"d\":1.50e3}]" + "}".repeat(depth);

    write(ORDERS, T0, rec("1", T0, json));

    assertThat(stored("orders", "1").json()).isEqualTo(json);
  }

  @Test
  void aOneMegabytePayloadRoundTripsUnchanged() {
    StringBuilder sb = new StringBuilder("{\"lines\":[");
    int i = 0;
    while (sb.length() < 1_048_576) {
      sb.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append(",\"text\":\"ligne détaillée ").append(i)
          .append(" — 部品 🔩\"}");
      i++;
    }
    String json = sb.append("]}").toString();

    write(ORDERS, T0, rec("1", T0, json));
    WriteResult again = write(ORDERS, T0.plusSeconds(1), rec("1", T0, json));

    assertThat(stored("orders", "1").json()).isEqualTo(json);
    assertThat(again).isEqualTo(new WriteResult(0, 0, 1));
  }

  // ---- reading -------------------------------------------------------------------------------

  @Test
  void streamOrdersNumericIdsAsNumbersBeforeTextualIds() {
    write(ORDERS, T0, rec("10", T0), rec("b", T0), rec("9", T0), rec("100", T0), rec("A-1", T0), rec("2", T0),
        rec("a", T0), rec("0", T0), rec("18446744073709551616", T0));

    assertThat(idsOf(store, "orders")).containsExactly("0", "2", "9", "10", "100", "18446744073709551616",
        "A-1", "a", "b");
  }

  @Test
  void streamingTenThousandRecordsVisitsThemAllInOrder() {
    for (int page = 0; page < 10; page++) {
      List<SourceRecord> records = new ArrayList<>();
      for (int i = page * 1000 + 1; i <= (page + 1) * 1000; i++) {
        records.add(rec(Integer.toString(i), T0.plusMillis(i)));
      }
      store.write(new PageWrite(ORDERS, records, SyncState.initial("orders"), T0));
    }

    long seen = 0;
    long previous = 0;
    try (Stream<StoredRecord> s = store.stream("orders")) {
      Iterator<StoredRecord> it = s.iterator();
      while (it.hasNext()) {
        long id = Long.parseLong(it.next().id());
        assertThat(id).isGreaterThan(previous);
        previous = id;
        seen++;
      }
    }
    assertThat(seen).isEqualTo(10_000);
    assertThat(store.count("orders")).isEqualTo(10_000);
  }

  @Test
  void closingAStreamEarlyReleasesIt() {
    write(ORDERS, T0, IntStream.rangeClosed(1, 50).mapToObj(i -> rec(Integer.toString(i), T0))
        .toArray(SourceRecord[]::new));

    for (int i = 0; i < 30; i++) {
      try (Stream<StoredRecord> s = store.stream("orders")) {
        assertThat(s.findFirst().map(StoredRecord::id)).contains("1");
      }
    }
    assertThat(store.write(new PageWrite(ORDERS, List.of(rec("51", T0)), SyncState.initial("orders"), T0)))
        .isEqualTo(new WriteResult(1, 0, 0));
  }

  @Test
  void missingRecordsAndResourcesReadAsEmpty() {
    write(ORDERS, T0, rec("1", T0));

    assertThat(store.find("orders", "2")).isEmpty();
    assertThat(store.find("invoices", "1")).isEmpty();
    assertThat(store.count("invoices")).isZero();
    assertThat(idsOf(store, "invoices")).isEmpty();
  }

  @Test
  void resourcesAreIsolatedFromEachOther() {
    Resource invoices = Resource.builder("invoices").cursorField("updated_at").build();
    write(ORDERS, T0, rec("1", T0, "{\"kind\":\"order\"}"), rec("2", T0));
    WriteResult inv = write(invoices, T0, rec("1", T0, "{\"kind\":\"invoice\"}"));

    assertThat(inv).isEqualTo(new WriteResult(1, 0, 0));
    assertThat(store.count("orders")).isEqualTo(2);
    assertThat(store.count("invoices")).isEqualTo(1);
    assertThat(stored("orders", "1").json()).isEqualTo("{\"kind\":\"order\"}");
    assertThat(stored("invoices", "1").json()).isEqualTo("{\"kind\":\"invoice\"}");
    assertThat(idsOf(store, "invoices")).containsExactly("1");
    assertThat(store.state("orders").flatMap(SyncState::cursor))
        .contains(Cursor.Timestamped.after(T0, "2"));
    assertThat(store.state("invoices").flatMap(SyncState::cursor))
        .contains(Cursor.Timestamped.after(T0, "1"));

    store.tryAcquireLease("orders", "engine-a", T0, Duration.ofMinutes(5));
    assertThat(store.tryAcquireLease("invoices", "engine-b", T0, Duration.ofMinutes(5))).isPresent();
  }

  @Test
  void idsDifferingOnlyInCaseAreDistinctRecords() {
    WriteResult result = write(ORDERS, T0, rec("abc", T0, "{\"v\":\"lower\"}"), rec("ABC", T0, "{\"v\":\"upper\"}"));

    assertThat(result).isEqualTo(new WriteResult(2, 0, 0));
    assertThat(stored("orders", "abc").json()).isEqualTo("{\"v\":\"lower\"}");
    assertThat(stored("orders", "ABC").json()).isEqualTo("{\"v\":\"upper\"}");
  }
}
