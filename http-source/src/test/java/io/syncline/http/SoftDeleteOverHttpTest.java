package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.Resource;
import io.syncline.SoftDelete;
import io.syncline.SyncResult;
import io.syncline.spi.StoredRecord;
import io.syncline.spi.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13: deletions told by a soft-delete field ({@code deleted_at}) of records that stay
 * listed, over HTTP with the list conventions that have a timestamp filter, with default
 * settings: after every run the store's live records equal the server's records without
 * {@code deleted_at}, id for id and payload for payload, and a deleted record read again costs
 * no count.
 */
class SoftDeleteOverHttpTest {

  static Stream<Arguments> conventions() {
    TimestampFilter since = TimestampFilter.inclusive("since").withGranularity(Duration.ofSeconds(1));
    return Stream.of(
        Arguments.of("demo keyset", VendorListings.demoKeyset(), Conventions.demoApi("/v1/items").build()),
        Arguments.of("link header", VendorListings.linkHeaderSince(),
            Conventions.linkHeaderSince("/repos/o/r/issues").build()),
        Arguments.of("page number", VendorListings.pagePerPage(),
            Conventions.pagePerPage("/things").timestampFilter(since).sort("sort", "id", "updated").build()));
  }

  private static VendorHarness harness(VendorServer.Listing listing, Endpoint endpoint) {
    VendorServer server = new VendorServer(Duration.ofSeconds(1), true, listing);
    Resource items = Resource.builder("items").cursorField("updated_at").pageSize(4)
        .softDelete(SoftDelete.whenPresent("deleted_at")).build();
    return new VendorHarness(server, endpoint, items);
  }

  private static void seed(VendorHarness h, int n) {
    Instant t0 = h.server.now().minusSeconds(1000);
    for (int id = 1; id <= n; id++) {
      h.server.put(Integer.toString(id), t0.plusSeconds(id));
    }
  }

  private static void later(VendorHarness h) {
    h.server.clock.advance(Duration.ofMinutes(1));
  }

  private static void assertLiveRecordsEqualTheServersLiveRecords(VendorHarness h) {
    Map<String, JsonNode> expected = new TreeMap<>();
    h.server.liveSnapshot().forEach((id, json) -> expected.put(id, VendorHarness.tree(json)));
    Map<String, JsonNode> live = new TreeMap<>();
    for (StoredRecord r : h.store.all(h.resource.name())) {
      if (r.deletedAt().isEmpty()) {
        live.put(r.id(), VendorHarness.tree(r.json()));
      }
    }
    assertThat(live).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conventions")
  void aRecordSoftDeletedAfterTheBackfillIsMarkedByTheIncrementalAndCostsNothingWhenReadAgain(String style,
      VendorServer.Listing listing, Endpoint endpoint) {
    try (VendorHarness h = harness(listing, endpoint)) {
      seed(h, 10);
      h.engine.backfill(h.resource);
      later(h);
      h.server.softDelete("4");

      SyncResult first = h.engine.incremental(h.resource);
      later(h);
      SyncResult again = h.engine.incremental(h.resource);

      assertThat(first.failure()).isEmpty();
      assertThat(first.deleted()).isEqualTo(1);
      assertThat(again.deleted()).isZero();
      assertThat(again.updated()).isZero();
      assertLiveRecordsEqualTheServersLiveRecords(h);
      assertThat(h.store.find("items", "4", Visibility.ALL).orElseThrow().json()).contains("deleted_at");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conventions")
  void recordsSoftDeletedOrRestoredWhileABackfillPagesAreRightByItsEnd(String style,
      VendorServer.Listing listing, Endpoint endpoint) {
    try (VendorHarness h = harness(listing, endpoint)) {
      seed(h, 14);
      h.server.softDelete("9");
      h.server.afterEachListing(n -> {
        if (n == 1) {
          h.server.softDelete("2"); // on page 1, already read: the catch-up pass must see it
          h.server.edit("9"); // restored
        } else if (n == 2) {
          h.server.softDelete("13");
        }
      });

      SyncResult result = h.engine.backfill(h.resource);

      assertThat(result.failure()).isEmpty();
      assertLiveRecordsEqualTheServersLiveRecords(h);
      assertThat(h.store.find("items", "2", Visibility.LIVE)).isEmpty();
      assertThat(h.store.find("items", "9", Visibility.LIVE)).isPresent();
    }
  }
}
