package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10: every list convention with a timestamp filter (the demo's keyset, Link header, page
 * numbers, offsets), with default settings, through the engine into a store, at second
 * granularity: edits, deletions and creations while the run pages, edits at the cursor's own
 * instant, runs of equal timestamps longer than a page, a quota reset inside the retry budget.
 * Positional paging re-filters every page from the last record received, so a listing that
 * changes under the run loses nothing. After every run the store equals the server.
 */
class PositionalPagingTest {

  static Stream<Arguments> conventions() {
    TimestampFilter since = TimestampFilter.inclusive("since").withGranularity(Duration.ofSeconds(1));
    return Stream.of(
        Arguments.of("demo keyset", VendorListings.demoKeyset(), Conventions.demoApi("/items")
            .timestampFilter(TimestampFilter.inclusive("updated_since").withGranularity(Duration.ofSeconds(1))).build()),
        Arguments.of("link header", VendorListings.linkHeaderSince(),
            Conventions.linkHeaderSince("/repos/o/r/issues").build()),
        Arguments.of("page number", VendorListings.pagePerPage(),
            Conventions.pagePerPage("/things").timestampFilter(since).sort("sort", "id", "updated").build()),
        Arguments.of("offset", VendorListings.offsetLimit(),
            Conventions.offsetLimit("/things").timestampFilter(since).sort("sort", "id", "updated").build()));
  }

  private static VendorHarness harness(VendorServer.Listing listing, Endpoint endpoint) {
    VendorServer server = new VendorServer(Duration.ofSeconds(1), true, listing);
    Resource items = Resource.builder("items").cursorField("updated_at").pageSize(5).build();
    return new VendorHarness(server, endpoint, items);
  }

  private static void seed(VendorHarness h, int n) {
    Instant t0 = h.server.now().minusSeconds(1000);
    for (int id = 1; id <= n; id++) {
      h.server.put(Integer.toString(id), t0.plusSeconds(id));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conventions")
  void theRecordCrossingThePageBoundaryIsStoredWhenThePagesFirstRecordIsEditedAfterItIsServed(
      String style, VendorServer.Listing listing, Endpoint endpoint) {
    try (VendorHarness h = harness(listing, endpoint)) {
      seed(h, 17);
      h.server.afterEachListing(n -> {
        if (n == 1) {
          h.server.edit("1"); // the first record of page 1 moves to the end; every later one moves up
        }
      });

      SyncResult result = h.engine.incremental(h.resource);

      assertThat(result.failure()).isEmpty();
      h.assertStoreEqualsServer();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conventions")
  void deletionsAndCreationsDuringPagingLoseNoLiveRecord(String style, VendorServer.Listing listing,
      Endpoint endpoint) {
    try (VendorHarness h = harness(listing, endpoint)) {
      seed(h, 23);
      h.server.afterEachListing(n -> {
        if (n == 1) {
          h.server.delete("2");
          h.server.delete("3");
          h.server.put("100", h.server.now());
        } else if (n == 3) {
          h.server.edit("9");
          h.server.delete("12");
        }
      });

      SyncResult result = h.engine.incremental(h.resource);
      assertThat(result.failure()).isEmpty();
      Map<String, String> server = h.server.snapshot();
      assertThat(h.store.all("items")).extracting(r -> r.id()).containsAll(server.keySet());
      for (String id : server.keySet()) {
        assertThat(VendorHarness.tree(h.store.find("items", id).orElseThrow().json()))
            .isEqualTo(VendorHarness.tree(server.get(id)));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conventions")
  void aLowerIdEditedAgainWithinTheCursorsInstantIsStoredByTheNextRun(String style, VendorServer.Listing listing,
      Endpoint endpoint) {
    try (VendorHarness h = harness(listing, endpoint)) {
      seed(h, 6);
      Instant t = h.server.now();
      for (int id = 7; id <= 12; id++) { // the newest second holds six records: more than a page
        h.server.put(Integer.toString(id), t);
      }
      assertThat(h.engine.incremental(h.resource).failure()).isEmpty();
      h.assertStoreEqualsServer();

      h.server.edit("8"); // again within second T, below the cursor's id
      h.server.edit("2"); // an older record moves into second T too
      SyncResult second = h.engine.incremental(h.resource);

      assertThat(second.failure()).isEmpty();
      h.assertStoreEqualsServer();
      assertThat(second.updated()).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conventions")
  void aTenMinuteQuotaResetInsideTheDefaultBudgetIsWaitedAndTheRunCompletes(String style,
      VendorServer.Listing listing, Endpoint endpoint) {
    try (VendorHarness h = harness(listing, endpoint)) {
      seed(h, 13);
      java.util.concurrent.atomic.AtomicBoolean limited = new java.util.concurrent.atomic.AtomicBoolean();
      h.server.afterEachListing(n -> {
        if (n == 1) {
          long reset = h.server.clock.instant().getEpochSecond() + 600;
          h.server.fault(ex -> {
            if (limited.getAndSet(true)) {
              return false; // once
            }
            ex.getResponseHeaders().set("X-RateLimit-Remaining", "0");
            ex.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(reset));
            ex.sendResponseHeaders(429, -1);
            return true;
          });
        } else if (n == 2) {
          h.server.edit("3"); // while waiting out the quota, a record moves to the end
        }
      });

      SyncResult result = h.engine.incremental(h.resource);

      assertThat(result.failure()).isEmpty();
      h.assertStoreEqualsServer();
      assertThat(h.sleeper.sleeps()).filteredOn(d -> d.compareTo(Duration.ofMinutes(9)) > 0)
          .containsExactly(Duration.ofSeconds(601));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conventions")
  void aRunOfEqualTimestampsLongerThanAPageIsReadWholeAtSecondGranularity(String style,
      VendorServer.Listing listing, Endpoint endpoint) {
    try (VendorHarness h = harness(listing, endpoint)) {
      Instant t = h.server.now().minusSeconds(100);
      h.server.put("1", t.minusSeconds(1));
      for (int id = 2; id <= 14; id++) { // 13 records in one second: almost three pages
        h.server.put(Integer.toString(id), t);
      }
      h.server.put("15", t.plusSeconds(1));

      SyncResult result = h.engine.incremental(h.resource);

      assertThat(result.failure()).isEmpty();
      h.assertStoreEqualsServer();
      assertThat(List.copyOf(h.server.requests)).hasSizeLessThan(12);
    }
  }
}
