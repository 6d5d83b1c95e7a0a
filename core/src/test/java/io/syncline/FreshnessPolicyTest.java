package io.syncline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.testing.InMemoryRecordSource;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreshnessPolicyTest {

  private final MutableClock clock = MutableClock.standard();
  private final FreshnessPolicy policy = FreshnessPolicy.ofDefaults();
  private final Resource orders = Resource.builder("orders").cursorField("updated_at").build();

  private SyncState syncedAt(Instant t) {
    return SyncState.initial("orders").backfillCompleted(t).succeeded(SyncMode.BACKFILL, t);
  }

  @Test
  void withoutStateAdvisesABackfill() {
    SyncDecision d = policy.decide(orders, Optional.empty(), clock.instant());
    assertThat(d.action()).isEqualTo(SyncAction.BACKFILL);
    assertThat(d.reason()).contains("never synced");
    assertThat(d.age()).isEmpty();
    assertThat(policy.shouldRunIncrementalSync(orders, Optional.empty(), clock.instant())).isTrue();
  }

  @Test
  void withAnUnfinishedBackfillAdvisesResumingIt() {
    SyncState st = SyncState.initial("orders")
        .withCheckpoint(Optional.of(Checkpoint.start(Optional.empty(), clock.instant())));
    SyncDecision d = policy.decide(orders, Optional.of(st), clock.instant());
    assertThat(d.action()).isEqualTo(SyncAction.BACKFILL);
    assertThat(d.reason()).contains("resume");
  }

  @Test
  void freshDataIsServedLocally() {
    SyncState st = syncedAt(clock.instant());
    clock.advance(Duration.ofMinutes(119));
    SyncDecision d = policy.decide(orders, Optional.of(st), clock.instant());
    assertThat(d.action()).isEqualTo(SyncAction.USE_LOCAL);
    assertThat(d.age()).contains(Duration.ofMinutes(119));
    assertThat(d.ttl()).isEqualTo(Duration.ofHours(2));
    assertThat(policy.shouldRunIncrementalSync(orders, Optional.of(st), clock.instant())).isFalse();
  }

  @Test
  void dataExactlyAsOldAsTheTtlIsStale() {
    SyncState st = syncedAt(clock.instant());
    clock.advance(Duration.ofHours(2));
    assertThat(policy.decide(orders, Optional.of(st), clock.instant()).action()).isEqualTo(SyncAction.INCREMENTAL);
    clock.advance(Duration.ofNanos(-1));
    assertThat(policy.decide(orders, Optional.of(st), clock.instant()).action()).isEqualTo(SyncAction.USE_LOCAL);
  }

  @Test
  void staleDataAdvisesADeltaWithItsAge() {
    SyncState st = syncedAt(clock.instant());
    clock.advance(Duration.ofHours(5));
    SyncDecision d = policy.decide(orders, Optional.of(st), clock.instant());
    assertThat(d.action()).isEqualTo(SyncAction.INCREMENTAL);
    assertThat(d.reason()).contains("stale").contains("5h");
    assertThat(d.age()).contains(Duration.ofHours(5));
  }

  @Test
  void eachResourceHasItsOwnTtl() {
    Resource equipments = Resource.builder("equipments").cursorField("updated_at").ttl(Duration.ofHours(4)).build();
    Resource technicians = Resource.builder("technicians").ttl(Duration.ofHours(6)).build();
    SyncState st = syncedAt(clock.instant());
    clock.advance(Duration.ofHours(3));
    assertThat(policy.decide(orders, Optional.of(st), clock.instant()).action()).isEqualTo(SyncAction.INCREMENTAL);
    assertThat(policy.decide(equipments, Optional.of(st), clock.instant()).action()).isEqualTo(SyncAction.USE_LOCAL);
    clock.advance(Duration.ofHours(2));
    assertThat(policy.decide(equipments, Optional.of(st), clock.instant()).action()).isEqualTo(SyncAction.INCREMENTAL);
    assertThat(policy.decide(technicians, Optional.of(st), clock.instant()).action()).isEqualTo(SyncAction.USE_LOCAL);
  }

  @Test
  void theDefaultTtlIsConfigurable() {
    FreshnessPolicy tight = FreshnessPolicy.ofDefaultTtl(Duration.ofMinutes(10));
    SyncState st = syncedAt(clock.instant());
    clock.advance(Duration.ofMinutes(10));
    assertThat(tight.decide(orders, Optional.of(st), clock.instant()).action()).isEqualTo(SyncAction.INCREMENTAL);
  }

  @Test
  void aLastSyncInTheFutureCountsAsFresh() {
    SyncState st = syncedAt(clock.instant().plus(Duration.ofMinutes(30)));
    SyncDecision d = policy.decide(orders, Optional.of(st), clock.instant());
    assertThat(d.action()).isEqualTo(SyncAction.USE_LOCAL);
    assertThat(d.age()).contains(Duration.ZERO);
  }

  @Test
  void idOnlyResourcesGetAFullRefreshWhenDue() {
    Resource technicians = Resource.builder("technicians").ttl(Duration.ofHours(6))
        .fullRefreshInterval(Duration.ofHours(24)).build();
    SyncState st = syncedAt(clock.instant());
    clock.advance(Duration.ofHours(23));
    SyncState recent = st.succeeded(SyncMode.INCREMENTAL, clock.instant());
    assertThat(policy.decide(technicians, Optional.of(recent), clock.instant()).action()).isEqualTo(SyncAction.USE_LOCAL);
    clock.advance(Duration.ofHours(1));
    SyncDecision d = policy.decide(technicians, Optional.of(recent), clock.instant());
    assertThat(d.action()).isEqualTo(SyncAction.BACKFILL);
    assertThat(d.reason()).contains("full refresh");
  }

  @Test
  void aCustomPolicyDecidesOnTheEnginesClockLikeTheDefaultOne() {
    // The engine's clock stands years before the machine's: a policy reading a clock of its own
    // called this data thousands of days old while the default policy served it locally.
    MutableClock engineClock = new MutableClock(Instant.parse("2019-03-01T00:00:00Z"));
    InMemoryRecordSource source = new InMemoryRecordSource(engineClock);
    source.put("orders", 1, engineClock.instant().minusSeconds(60));
    InMemoryRecordStore store = new InMemoryRecordStore();
    SyncEngine byDefault = SyncEngine.builder(source, store).resource(orders).clock(engineClock).build();
    SyncEngine custom = SyncEngine.builder(source, store).resource(orders).clock(engineClock)
        .freshnessPolicy(FreshnessPolicy.ofDefaultTtl(Duration.ofHours(2))).build();
    byDefault.backfill(orders);
    engineClock.advance(Duration.ofMinutes(30));

    SyncDecision d = custom.decide(orders);
    assertThat(d.action()).isEqualTo(SyncAction.USE_LOCAL);
    assertThat(d.age()).contains(Duration.ofMinutes(30));
    assertThat(d).isEqualTo(byDefault.decide(orders));
    assertThat(custom.status(orders).decision()).isEqualTo(d);
    engineClock.advance(Duration.ofHours(2));
    assertThat(custom.decide(orders).action()).isEqualTo(SyncAction.INCREMENTAL);
  }

  @Test
  void anApplicationPolicyIsGivenTheEnginesInstant() {
    MutableClock engineClock = new MutableClock(Instant.parse("2019-03-01T00:00:00Z"));
    java.util.List<Instant> asked = new java.util.ArrayList<>();
    FreshnessPolicy always = (resource, state, now) -> {
      asked.add(now);
      return new SyncDecision(resource.name(), SyncAction.USE_LOCAL, "never sync", Optional.empty(), Duration.ZERO);
    };
    SyncEngine engine = SyncEngine.builder(new InMemoryRecordSource(engineClock), new InMemoryRecordStore())
        .resource(orders).clock(engineClock).freshnessPolicy(always).build();
    assertThat(engine.sync(orders).mode()).isEqualTo(SyncMode.NONE);
    assertThat(asked).containsOnly(engineClock.instant());
  }

  @Test
  void rejectsANonPositiveDefaultTtl() {
    assertThatThrownBy(() -> FreshnessPolicy.builder().defaultTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
