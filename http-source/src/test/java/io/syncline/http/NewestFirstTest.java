package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 3: a Stripe-style newest-first list ({@code starting_after} + {@code has_more},
 * string ids not ordered by time, {@code created} in unix seconds, no update timestamp) with
 * default settings, through the engine into a store: the backfill is complete, an incremental run
 * reads the new records and stops at the stored high-water mark, edits come from a full refresh.
 */
class NewestFirstTest {
  private final Random random = new Random(42);


  String randomId() {
    StringBuilder sb = new StringBuilder("cus_");
    for (int i = 0; i < 10; i++) {
      sb.append((char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }

  static VendorHarness harness() {
    VendorServer server = new VendorServer(Duration.ofSeconds(1), false, VendorListings.newestFirstStartingAfter());
    Resource customers = Resource.builder("customers").cursorField("created").pageSize(5).build();
    return new VendorHarness(server, Conventions.newestFirstStartingAfter("/v1/customers").build(), customers);
  }

  @Test
  void backfillIsCompleteIncrementalStopsAtTheHighWaterMarkAndAFullRefreshBringsEdits() {
    try (VendorHarness h = harness()) {
      Instant t0 = h.server.now().minusSeconds(500);
      for (int i = 0; i < 23; i++) {
        h.server.put(randomId(), t0.plusSeconds(i / 2)); // pairs share a second
      }
      h.server.afterEachListing(n -> {
        if (n == 2) {
          h.server.put(randomId(), h.server.now()); // created while the backfill pages
        }
      });
      SyncResult backfill = h.engine.backfill(h.resource);
      h.server.afterEachListing(n -> { });
      assertThat(backfill.failure()).isEmpty();
      h.assertStoreEqualsServer();

      h.server.clock.advance(Duration.ofSeconds(10));
      for (int i = 0; i < 7; i++) {
        h.server.put(randomId(), h.server.now());
      }
      int before = h.server.requests.size();
      SyncResult incremental = h.engine.incremental(h.resource);
      assertThat(incremental.failure()).isEmpty();
      h.assertStoreEqualsServer();
      assertThat(incremental.inserted()).isEqualTo(7);
      assertThat(h.server.requests.size() - before).isLessThanOrEqualTo(3); // not the whole list

      String edited = h.server.records().get(4).id();
      h.server.edit(edited); // no update timestamp: invisible to incremental runs
      assertThat(h.engine.backfill(h.resource).failure()).isEmpty();
      h.assertStoreEqualsServer();
      assertThat(h.server.requests).allSatisfy(q -> assertThat(q.keySet()).isSubsetOf("limit", "starting_after"));
    }
  }

  @Test
  void aRecordCreatedInTheSameSecondAsTheHighWaterMarkIsRead() {
    try (VendorHarness h = harness()) {
      for (int i = 0; i < 6; i++) {
        h.server.put(randomId(), h.server.now());
      }
      assertThat(h.engine.backfill(h.resource).failure()).isEmpty();
      h.server.put(randomId(), h.server.now()); // same second, any id
      assertThat(h.engine.incremental(h.resource).failure()).isEmpty();
      h.assertStoreEqualsServer();
    }
  }
}
