package io.syncline.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.testing.InMemoryRecordSource;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SynclineSchedulerTest {
  private final MutableClock clock = MutableClock.standard();
  private final InMemoryRecordSource source = new InMemoryRecordSource(clock);
  private final SyncEngine engine = SyncEngine.builder(source, new InMemoryRecordStore())
      .resource(Resource.builder("orders").cursorField("updated_at").ttl(Duration.ofMillis(1)).build())
      .clock(clock).build();

  @Test
  void jitterAddsUpToItsBoundToEachWait() {
    SynclineScheduler max = new SynclineScheduler(engine, Duration.ofMinutes(5), Duration.ZERO,
        Duration.ofSeconds(30), bound -> bound - 1);
    SynclineScheduler none = new SynclineScheduler(engine, Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO,
        bound -> {
          throw new AssertionError("no randomness without jitter");
        });

    assertThat(max.withJitter(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5).plusSeconds(30));
    assertThat(none.withJitter(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void roundsGoOnAfterAFailedRoundAndStopWithTheScheduler() throws Exception {
    source.put("orders", 1, clock.instant().minusSeconds(10));
    source.failOnFetch(1);
    SynclineScheduler s = new SynclineScheduler(engine, Duration.ofMillis(20), Duration.ZERO, Duration.ZERO);

    s.start();
    Instant deadline = Instant.now().plusSeconds(20);
    while (s.rounds() < 3 && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }
    s.stop();

    assertThat(s.rounds()).isGreaterThanOrEqualTo(3);
    assertThat(s.isRunning()).isFalse();
    long after = s.rounds();
    Thread.sleep(100);
    assertThat(s.rounds()).as("no round after stop").isEqualTo(after);
  }

  @Test
  void invalidSettingsNameTheirProperty() {
    assertThatThrownBy(() -> new SynclineScheduler(engine, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("syncline.schedule.interval");
    assertThatThrownBy(() -> new SynclineScheduler(engine, Duration.ofSeconds(1), Duration.ofSeconds(-1), Duration.ZERO))
        .hasMessageContaining("syncline.schedule.initial-delay");
  }
}
