package io.syncline;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.spi.StoredRecord;
import io.syncline.spi.Visibility;
import io.syncline.testing.InMemoryRecordSource;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random interleavings of server creations, edits and deletions (some landing in the middle of a
 * run) with incremental runs, deletion-feed passes and id sweeps. Two invariants: a record marked
 * deleted is never one the server still has (a sweep never deletes what exists), and once the
 * changes stop, an incremental run (orders: with their feed) and a sweep (equipments) leave the
 * store's live records equal to the server's, id for id and payload for payload.
 */
class DeletionPropertiesTest {
  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

  /** One step: a change on the server, or a run; {@code during} is a change made mid-run (or none). */
  record Step(int kind, String resource, int pick, int atFetch, int during) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 5),
        Arbitraries.of("orders", "equipments"), Arbitraries.integers().between(0, 1_000),
        Arbitraries.integers().between(1, 4), Arbitraries.integers().between(-1, 2)).as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 100)
  void feedsAndSweepsNeverDeleteWhatExistsAndConvergeOnTheServer(@ForAll("steps") List<Step> steps) {
    MutableClock clock = new MutableClock(T);
    InMemoryRecordSource source = new InMemoryRecordSource(clock).withDeletionFeed("orders");
    InMemoryRecordStore store = new InMemoryRecordStore();
    // Changes made mid-run carry the clock's time, which may equal that of records already read:
    // the lookback re-reads that window, as it does for late commits.
    Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(4)
        .lookback(Duration.ofMinutes(2)).build();
    Resource equipments = Resource.builder("equipments").cursorField("updated_at").pageSize(4)
        .lookback(Duration.ofMinutes(2))
        .deletions(DeletionPolicy.builder().maxSweepShare(1.0).build()).build();
    SyncEngine engine = SyncEngine.builder(source, store).resource(orders).resource(equipments).clock(clock).build();
    Server server = new Server(source, clock);
    for (int i = 0; i < 12; i++) {
      server.create("orders");
      server.create("equipments");
    }
    engine.backfill(orders);
    engine.backfill(equipments);
    for (Step s : steps) {
      clock.advance(Duration.ofMinutes(1));
      if (s.kind() <= 2) {
        server.change(s.kind(), s.resource(), s.pick());
        continue;
      }
      if (s.during() >= 0) {
        source.beforeFetch(s.atFetch(), n -> server.change(s.during(), s.resource(), s.pick() + n));
      }
      Resource r = s.resource().equals("orders") ? orders : equipments;
      if (s.kind() == 3 || s.resource().equals("orders")) {
        engine.incremental(r);
      } else {
        engine.sweep(r);
      }
      assertNothingMarkedExists(store, source, "orders");
      assertNothingMarkedExists(store, source, "equipments");
    }
    source.clearHooks(); // changes stop: no more changes in the middle of a run
    clock.advance(Duration.ofMinutes(1));
    engine.incremental(orders);
    engine.incremental(equipments);
    clock.advance(Duration.ofMinutes(1));
    engine.sweep(equipments);
    assertLiveEqualsServer(store, source, "orders");
    assertLiveEqualsServer(store, source, "equipments");
  }

  private static void assertNothingMarkedExists(InMemoryRecordStore store, InMemoryRecordSource source, String r) {
    Map<String, String> onServer = source.snapshot(r);
    try (Stream<StoredRecord> all = store.stream(r, Visibility.ALL)) {
      all.filter(StoredRecord::deleted).forEach(rec -> assertThat(onServer).as("%s %s marked deleted", r, rec.id())
          .doesNotContainKey(rec.id()));
    }
  }

  private static void assertLiveEqualsServer(InMemoryRecordStore store, InMemoryRecordSource source, String r) {
    Map<String, String> live = new TreeMap<>(IdOrder.INSTANCE);
    try (Stream<StoredRecord> s = store.stream(r)) {
      s.forEach(rec -> live.put(rec.id(), rec.json()));
    }
    assertThat(live).as(r).isEqualTo(source.snapshot(r));
  }

  /** Changes on the server: kind 0 creates, 1 edits, 2 deletes; ids are never reused. */
  private static final class Server {
    private final InMemoryRecordSource source;
    private final MutableClock clock;
    private final Map<String, List<Long>> ids = new TreeMap<>();
    private long next = 1;

    Server(InMemoryRecordSource source, MutableClock clock) {
      this.source = source;
      this.clock = clock;
    }

    void create(String r) {
      long id = next++;
      source.put(r, id, clock.instant());
      ids.computeIfAbsent(r, k -> new ArrayList<>()).add(id);
    }

    void change(int kind, String r, int pick) {
      List<Long> live = ids.computeIfAbsent(r, k -> new ArrayList<>());
      if (kind == 0 || live.isEmpty()) {
        create(r);
        return;
      }
      int i = Math.floorMod(pick, live.size());
      if (kind == 1) {
        source.touch(r, live.get(i), clock.instant());
      } else {
        source.delete(r, live.remove(i));
      }
    }
  }
}
