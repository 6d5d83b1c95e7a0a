package io.syncline.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncEvent;
import io.syncline.SyncException;
import io.syncline.testing.InMemoryRecordSource;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** Each resource state the health indicator reports, produced by real runs. */
class SynclineHealthIndicatorTest {
  private final MutableClock clock = MutableClock.standard();
  private final InMemoryRecordSource source = new InMemoryRecordSource(clock);
  private final Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(10)
      .ttl(Duration.ofHours(2)).build();
  private final List<Health> seenDuringRun = new ArrayList<>();
  private SynclineHealthIndicator indicator;
  private final SyncEngine engine = SyncEngine.builder(source, new InMemoryRecordStore()).resource(orders)
      .clock(clock).listener(e -> {
        if (e instanceof SyncEvent.PageCommitted) {
          seenDuringRun.add(indicator.health());
        }
      }).build();

  {
    indicator = new SynclineHealthIndicator(engine);
    for (long id = 1; id <= 25; id++) {
      source.put("orders", id, clock.instant().minusSeconds(3600 - id));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> orders(Health h) {
    return (Map<String, Object>) ((Map<String, Object>) h.getDetails().get("resources")).get("orders");
  }

  @Test
  void neverSyncedIsStaleAndUp() {
    Health h = indicator.health();
    assertThat(h.getStatus()).isEqualTo(Status.UP);
    assertThat(orders(h)).containsEntry("state", "stale").containsEntry("records", 0L).doesNotContainKey("age");
  }

  @Test
  void aRunningBackfillIsBackfillingThenFreshWithItsAgeThenStaleAfterTheTtl() {
    engine.backfill(orders);
    assertThat(seenDuringRun).filteredOn(h -> (Long) orders(h).get("records") < 25).isNotEmpty()
        .allSatisfy(h -> assertThat(orders(h)).containsEntry("state", "backfilling"));
    assertThat(orders(seenDuringRun.get(seenDuringRun.size() - 1))).as("the last page completes the backfill")
        .containsEntry("state", "fresh");

    clock.advance(Duration.ofMinutes(30));
    Health fresh = indicator.health();
    assertThat(orders(fresh)).containsEntry("state", "fresh").containsEntry("records", 25L)
        .containsEntry("ageSeconds", 1800L).containsEntry("ttl", "PT2H");

    clock.advance(Duration.ofHours(2));
    assertThat(orders(indicator.health())).containsEntry("state", "stale");
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void aFailedRunIsFailingAndDownWithTheLastError() {
    source.failOnFetch(1);
    assertThatThrownBy(() -> engine.backfill(orders)).isInstanceOf(SyncException.class);

    Health h = indicator.health();

    assertThat(h.getStatus()).isEqualTo(Status.DOWN);
    assertThat(orders(h)).containsEntry("state", "failing").containsKey("lastError");
  }
}
