package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncResult;
import io.syncline.http.Endpoint;
import io.syncline.http.TimestampFilter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, item 2: after a run stores the cursor (T, id=N), a record with a lower id edited again
 * within the same instant T is stored by the next run, at second and at millisecond granularity,
 * with default settings (lookback 0), and the re-read records that did not change cost no write.
 */
class EditsAtTheCursorsInstantTest {

  private static VendorHarness harness(long granularityMillis, int pageSize) {
    Duration g = Duration.ofMillis(granularityMillis);
    VendorServer server = new VendorServer(g, true, VendorListings.demoKeyset());
    Endpoint endpoint = Conventions.demoApi("/items")
        .timestampFilter(TimestampFilter.inclusive("updated_since").withGranularity(g)).build();
    Resource items = Resource.builder("items").cursorField("updated_at").pageSize(pageSize).build();
    return new VendorHarness(server, endpoint, items);
  }

  @ParameterizedTest(name = "granularity {0} ms")
  @ValueSource(longs = {1000, 1})
  void aLowerIdEditedAgainWithinTheCursorsInstantIsStored(long granularityMillis) {
    try (VendorHarness h = harness(granularityMillis, 10)) {
      Instant t = h.server.now();
      for (int id = 1; id <= 5; id++) {
        h.server.put(Integer.toString(id), t);
      }
      h.engine.incremental(h.resource);
      h.assertStoreEqualsServer();

      h.server.edit("2"); // same instant T: the clock has not moved
      assertThat(h.server.records().get(1).updatedAt()).isEqualTo(t);
      SyncResult second = h.engine.incremental(h.resource);

      assertThat(second.failure()).isEmpty();
      h.assertStoreEqualsServer();
      assertThat(second.updated()).isEqualTo(1);
      assertThat(second.inserted()).isZero();
      assertThat(second.unchanged()).isEqualTo(4);
    }
  }

  @ParameterizedTest(name = "granularity {0} ms")
  @ValueSource(longs = {1000, 1})
  void editsAtTheCursorsInstantInARunOfEqualTimestampsLongerThanAPageAreStored(long granularityMillis) {
    try (VendorHarness h = harness(granularityMillis, 3)) {
      Instant t = h.server.now();
      h.server.put("1", t.minus(Duration.ofMinutes(1)));
      for (int id = 2; id <= 9; id++) { // 8 records at one instant: almost three pages
        h.server.put(Integer.toString(id), t);
      }
      h.engine.incremental(h.resource);
      h.assertStoreEqualsServer();

      h.server.edit("3");
      h.server.edit("8");
      h.server.clock.advance(Duration.ofMillis(granularityMillis));
      h.server.put("10", h.server.now());
      SyncResult second = h.engine.incremental(h.resource);

      assertThat(second.failure()).isEmpty();
      h.assertStoreEqualsServer();
      assertThat(second.updated()).isEqualTo(2);
      assertThat(second.inserted()).isEqualTo(1);

      SyncResult third = h.engine.incremental(h.resource);
      h.assertStoreEqualsServer();
      assertThat(third.updated() + third.inserted()).isZero();
    }
  }
}
