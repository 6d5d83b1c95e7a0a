package io.syncline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.IdOrder;
import io.syncline.LeaseOwner;
import io.syncline.Resource;
import io.syncline.ResourceBusyException;
import io.syncline.ResourceStatus;
import io.syncline.SyncEngine;
import io.syncline.SyncEvent;
import io.syncline.SyncResult;
import io.syncline.SyncState;
import io.syncline.SyncStoppedException;
import io.syncline.spi.Lease;
import io.syncline.spi.RecordStore;
import io.syncline.spi.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may sync a resource, and how a run ends early, run unchanged on every store: a dead
 * holder's lease on the same host is taken over at once, a live or remote one is waited out or
 * reported with who holds it, {@link SyncEngine#stop()} ends a run between pages with its lease
 * released, and {@code syncAll} skips busy resources instead of failing them. Process liveness is
 * injected, so each case is deterministic; {@code ProcessLivenessTest} checks the real one.
 */
public abstract class LeaseScenarios {
  /** A fixed instant; every clock the engine reads is the test's. */
  protected static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final long DEAD_PID = 900_001;
  private static final long LIVE_PID = 900_002;

  protected MutableClock clock;
  protected InMemoryRecordSource source;
  protected RecordStore store;
  protected FailingRecordStore failing;
  protected final List<SyncEvent> events = new CopyOnWriteArrayList<>();
  protected final List<Duration> slept = new CopyOnWriteArrayList<>();
  protected final List<LeaseOwner> livenessAsked = new CopyOnWriteArrayList<>();

  protected final Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(10).build();
  protected final Resource technicians = Resource.builder("technicians").pageSize(10).build();

  /**
   * A fresh, empty store for one test.
   *
   * @return the store
   */
  protected abstract RecordStore newStore();

  @BeforeEach
  void setUpLeases() {
    clock = new MutableClock(T0);
    source = new InMemoryRecordSource(clock);
    failing = new FailingRecordStore(newStore());
    store = failing;
    events.clear();
    slept.clear();
    livenessAsked.clear();
    for (int i = 1; i <= 45; i++) {
      source.put("orders", i, T0.minus(Duration.ofHours(30)).plusSeconds(i * 60L));
    }
    for (int i = 1; i <= 5; i++) {
      source.putIdOnly("technicians", i);
    }
  }

  /** An engine on host-a whose liveness check says only {@link #DEAD_PID} is gone. */
  private SyncEngine.Builder engineOnHostA() {
    return SyncEngine.builder(source, store).resource(orders).resource(technicians).clock(clock)
        .listener(events::add).fetchAhead(false)
        .owner(new LeaseOwner("host-a", 4242, Optional.of(T0), "self0001"))
        .processLiveness(holder -> {
          livenessAsked.add(holder);
          return holder.pid() == DEAD_PID;
        })
        .sleeper(d -> {
          slept.add(d);
          clock.advance(d);
        });
  }

  private static String holder(String host, long pid) {
    return new LeaseOwner(host, pid, Optional.of(T0.minus(Duration.ofDays(1))), "abcd" + pid).encode();
  }

  private void holderTakes(String resource, String owner, Duration d) {
    assertThat(store.tryAcquireLease(resource, owner, clock.instant(), d)).isPresent();
  }

  private void assertStoreMatchesSource(Resource r) {
    Map<String, String> stored = new TreeMap<>(IdOrder.INSTANCE);
    try (Stream<StoredRecord> s = store.stream(r.name())) {
      s.forEach(rec -> stored.put(rec.id(), rec.json()));
    }
    assertThat(stored).isEqualTo(source.snapshot(r.name()));
  }

  @Test
  void aDeadHoldersLeaseOnTheSameHostIsTakenOverAtOnce() {
    String dead = holder("host-a", DEAD_PID);
    holderTakes("orders", dead, Duration.ofMinutes(2));

    SyncResult r = engineOnHostA().build().backfill(orders);

    assertThat(r.succeeded()).isTrue();
    assertStoreMatchesSource(orders);
    assertThat(slept).as("no waiting").isEmpty();
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(events).filteredOn(e -> e instanceof SyncEvent.Started).first()
        .extracting(e -> ((SyncEvent.Started) e).reason()).asString()
        .contains("took over the lease of " + dead);
    assertThat(store.currentLease("orders", clock.instant())).isEmpty();
  }

  @Test
  void aRunWhoseLeaseCouldNotBeReleasedIsTakenOverAtOnceByTheNextRunOnItsHost() {
    // The run ends while the database is unreachable for the release (issue 14), then its process exits.
    SyncEngine ended = engineOnHostA().owner(new LeaseOwner("host-a", DEAD_PID, Optional.of(T0), "gone0001")).build();
    failing.failLeaseReleases(true);
    assertThat(ended.backfill(orders).succeeded()).isTrue();
    assertThat(store.currentLease("orders", clock.instant())).as("left behind").isPresent();
    failing.failLeaseReleases(false);

    source.put("orders", 46, T0.minus(Duration.ofMinutes(1)));
    SyncResult next = engineOnHostA().build().incremental(orders);

    assertThat(next.succeeded()).isTrue();
    assertThat(slept).as("no waiting").isEmpty();
    assertStoreMatchesSource(orders);
    assertThat(store.currentLease("orders", clock.instant())).isEmpty();
  }

  @Test
  void aLiveHolderOnTheSameHostIsReportedWithProcessHostAndExpiry() {
    holderTakes("orders", holder("host-a", LIVE_PID), Duration.ofMinutes(2));

    assertThatThrownBy(() -> engineOnHostA().build().backfill(orders))
        .isInstanceOf(ResourceBusyException.class)
        .hasMessageContaining("pid " + LIVE_PID + " on host host-a")
        .hasMessageContaining("until " + T0.plus(Duration.ofMinutes(2)))
        .satisfies(e -> assertThat(((ResourceBusyException) e).holderOwner().map(LeaseOwner::pid))
            .contains(LIVE_PID));
    assertThat(store.count("orders")).isZero();
  }

  @Test
  void aHolderOnAnotherHostIsNeverAskedAboutAndItsLeaseIsWaitedOut() {
    holderTakes("orders", holder("host-b", DEAD_PID), Duration.ofMinutes(2));
    SyncEngine engine = engineOnHostA().build();

    assertThatThrownBy(() -> engine.backfill(orders)).isInstanceOf(ResourceBusyException.class)
        .hasMessageContaining("on host host-b");
    assertThat(livenessAsked).as("a process on another host cannot be checked from here").isEmpty();

    clock.advance(Duration.ofMinutes(2));
    assertThat(engine.backfill(orders).succeeded()).isTrue();
    assertStoreMatchesSource(orders);
  }

  @Test
  void anOwnerIdInTheOldFormIsOnlyTakenOverOnceItExpires() {
    holderTakes("orders", "syncline-6f1c0c1e-3b59-4d4e-9d4f-0c1a2b3c4d5e", Duration.ofMinutes(2));
    SyncEngine engine = engineOnHostA().build();
    assertThatThrownBy(() -> engine.backfill(orders)).isInstanceOf(ResourceBusyException.class)
        .hasMessageContaining("syncline-6f1c0c1e").hasMessageContaining("host unknown");
    clock.advance(Duration.ofMinutes(2).plusSeconds(1));
    assertThat(engine.backfill(orders).succeeded()).isTrue();
  }

  @Test
  void waitingForTheLeaseEndsWhenTheHolderReleasesIt() {
    String live = holder("host-b", LIVE_PID);
    holderTakes("orders", live, Duration.ofMinutes(2));
    SyncEngine engine = engineOnHostA().waitForLease(Duration.ofMinutes(5)).sleeper(d -> {
      slept.add(d);
      clock.advance(d);
      if (slept.size() == 7) {
        store.releaseLease(new Lease("orders", live, T0.plus(Duration.ofMinutes(2))));
      }
    }).build();

    assertThat(engine.backfill(orders).succeeded()).isTrue();
    assertThat(slept).hasSize(7).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(1)));
    assertStoreMatchesSource(orders);
  }

  @Test
  void waitingForTheLeaseEndsWhenTheHoldersLeaseExpires() {
    holderTakes("orders", holder("host-b", LIVE_PID), Duration.ofMillis(2500));
    SyncEngine engine = engineOnHostA().waitForLease(Duration.ofMinutes(5)).build();

    assertThat(engine.backfill(orders).succeeded()).isTrue();
    assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));
  }

  @Test
  void waitingForTheLeaseIsBoundedAndThenReportsTheHolder() {
    holderTakes("orders", holder("host-b", LIVE_PID), Duration.ofHours(1));
    SyncEngine engine = engineOnHostA().waitForLease(Duration.ofMillis(4500)).build();

    assertThatThrownBy(() -> engine.backfill(orders)).isInstanceOf(ResourceBusyException.class)
        .hasMessageContaining("pid " + LIVE_PID + " on host host-b");
    assertThat(slept.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMillis(4500));
    assertThat(store.count("orders")).isZero();
  }

  @Test
  void stopEndsTheRunAfterTheCurrentPageAndReleasesTheLease() {
    SyncEngine engine = engineOnHostA().build();
    source.beforeFetch(3, n -> engine.stop());

    assertThatThrownBy(() -> engine.backfill(orders)).isInstanceOf(SyncStoppedException.class)
        .hasMessageContaining("'orders' stopped on request after committing page 3")
        .satisfies(e -> assertThat(((SyncStoppedException) e).lastCommittedPage()).isEqualTo(3));

    assertThat(store.count("orders")).isEqualTo(30);
    assertThat(store.state("orders").flatMap(SyncState::checkpoint).orElseThrow().pages()).isEqualTo(3);
    assertThat(store.currentLease("orders", clock.instant())).as("lease released").isEmpty();
    assertThatThrownBy(() -> engine.backfill(orders)).as("a stopped engine starts nothing")
        .isInstanceOf(SyncStoppedException.class);

    int fetchesBefore = source.fetchCount();
    SyncResult resumed = engineOnHostA().build().backfill(orders);
    assertThat(resumed.succeeded()).isTrue();
    assertStoreMatchesSource(orders);
    assertThat(resumed.inserted()).as("only the pages after the stop").isEqualTo(15);
    assertThat(source.fetchCount() - fetchesBefore).as("pages 4 and 5, then the catch-up delta").isEqualTo(3);
  }

  @Test
  void stopEndsAWaitForTheLease() {
    holderTakes("orders", holder("host-b", LIVE_PID), Duration.ofHours(1));
    SyncEngine[] engine = new SyncEngine[1];
    engine[0] = engineOnHostA().waitForLease(Duration.ofMinutes(10)).sleeper(d -> {
      slept.add(d);
      clock.advance(d);
      if (slept.size() == 3) {
        engine[0].stop();
      }
    }).build();

    assertThatThrownBy(() -> engine[0].backfill(orders)).isInstanceOf(SyncStoppedException.class)
        .hasMessageContaining("before committing a page");
    assertThat(slept).hasSize(3);
  }

  @Test
  void syncAllSkipsAResourceBusyElsewhereAndSyncsTheRest() {
    holderTakes("orders", holder("host-b", LIVE_PID), Duration.ofMinutes(2));

    List<SyncResult> results = engineOnHostA().build().syncAll();

    assertThat(results).extracting(SyncResult::resource).containsExactly("orders", "technicians");
    SyncResult busy = results.get(0);
    assertThat(busy.skipped()).isTrue();
    assertThat(busy.failed()).isFalse();
    assertThat(busy.succeeded()).isFalse();
    assertThat(busy.reason()).contains("busy").contains("pid " + LIVE_PID + " on host host-b")
        .contains(T0.plus(Duration.ofMinutes(2)).toString());
    assertThat(results.get(1).succeeded()).isTrue();
    assertStoreMatchesSource(technicians);
  }

  @Test
  void statusTellsWhetherTheHoldersProcessIsGone() {
    SyncEngine engine = engineOnHostA().build();
    holderTakes("orders", holder("host-a", DEAD_PID), Duration.ofMinutes(2));
    holderTakes("technicians", holder("host-a", LIVE_PID), Duration.ofMinutes(2));

    ResourceStatus dead = engine.status(orders);
    ResourceStatus live = engine.status(technicians);

    assertThat(dead.holder().map(LeaseOwner::describe)).contains("pid " + DEAD_PID + " on host host-a");
    assertThat(dead.holderGone()).isTrue();
    assertThat(live.holder().map(LeaseOwner::pid)).contains(LIVE_PID);
    assertThat(live.holderGone()).isFalse();
    assertThat(List.of(dead.lease().orElseThrow().expiresAt(), live.lease().orElseThrow().expiresAt()))
        .containsOnly(T0.plus(Duration.ofMinutes(2)));
  }
}
