package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.Resource;
import io.syncline.SyncException;
import io.syncline.SyncResult;
import io.syncline.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, item 1, without a timestamp filter: a listing read by position (offsets, page
 * numbers, the {@code Link} header) while the server deletes, edits and creates records between
 * page fetches. The source watches the listing for movement and reads it again, lap by lap,
 * before the cursor moves past it; with default settings, through the engine into a store.
 */
class MovingListingTest {

  /** Id-ordered listings whose movement the source can see: by the overlap of offsets, or the total. */
  static Stream<Arguments> idOrdered() {
    return Stream.of(
        Arguments.of("offset with a total", VendorListings.offsetLimit(), Conventions.offsetLimit("/things").build()),
        Arguments.of("offset without a total", VendorListings.offsetLimit(),
            Conventions.offsetLimit("/things").noTotal().build()),
        Arguments.of("page number with a total", VendorListings.pagePerPage(),
            Conventions.pagePerPage("/things").total("/total").build()));
  }

  /**
   * Listings in update order by themselves (no sort parameter is sent, {@code sort=updated} is a
   * fixed parameter), with a timestamp filter for the catch-up after the backfill.
   */
  static Stream<Arguments> inUpdateOrder() {
    return Stream.of(
        Arguments.of("link header", VendorListings.linkHeaderSince(),
            Conventions.linkHeaderSince("/issues").noSort().parameter("sort", "updated").build()),
        Arguments.of("page number", VendorListings.pagePerPage(),
            Conventions.pagePerPage("/things").timestampFilter(SINCE).parameter("sort", "updated").build()),
        Arguments.of("offset", VendorListings.offsetLimit(),
            Conventions.offsetLimit("/things").timestampFilter(SINCE).parameter("sort", "updated").build()));
  }

  private static final TimestampFilter SINCE =
      TimestampFilter.inclusive("since").withGranularity(Duration.ofSeconds(1));

  private static VendorHarness idOnly(VendorServer.Listing listing, Endpoint endpoint) {
    return new VendorHarness(new VendorServer(Duration.ofSeconds(1), true, listing), endpoint,
        Resource.builder("items").pageSize(5).build());
  }

  private static void seed(VendorHarness h, int n) {
    Instant t0 = h.server.now().minusSeconds(1000);
    for (int id = 1; id <= n; id++) {
      h.server.put(Integer.toString(id), t0.plusSeconds(id));
    }
  }

  /** @return how many laps the backfill read: first pages asked for, less the catch-up pass that follows it */
  private static long backfillLaps(VendorHarness h) {
    return h.server.requests.stream()
        .filter(q -> q.getOrDefault("offset", "0").equals("0") && q.getOrDefault("page", "1").equals("1")).count() - 1;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idOrdered")
  void aDeletionBeforeThePositionShiftsNoRecordPastTheBackfill(String style, VendorServer.Listing listing,
      Endpoint endpoint) {
    try (VendorHarness h = idOnly(listing, endpoint)) {
      seed(h, 17);
      h.server.afterEachListing(n -> {
        if (n == 1) {
          h.server.delete("2"); // record 6 moves onto page 1, which was already read
        }
      });

      SyncResult result = h.engine.backfill(h.resource);

      assertThat(result.failure()).isEmpty();
      h.assertStoreHoldsServer();
      assertThat(backfillLaps(h)).as("laps").isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idOrdered")
  void creationsAndEditsDuringTheBackfillAreStored(String style, VendorServer.Listing listing, Endpoint endpoint) {
    try (VendorHarness h = idOnly(listing, endpoint)) {
      seed(h, 17);
      h.server.afterEachListing(n -> {
        if (n == 1) {
          h.server.put("100", h.server.now());
          h.server.edit("9");
        } else if (n == 2) {
          h.server.put("101", h.server.now());
          h.server.edit("3");
        }
      });

      SyncResult result = h.engine.backfill(h.resource);

      assertThat(result.failure()).isEmpty();
      // Records edited after they were read are stored in the version read (an id-only resource
      // sees edits on its next full refresh); none is missing.
      assertThat(h.store.all("items")).extracting(r -> r.id()).containsAll(h.server.snapshot().keySet());
      h.server.afterEachListing(n -> { });
      assertThat(h.engine.backfill(h.resource).failure()).isEmpty();
      h.assertStoreEqualsServer();
    }
  }

  @Test
  void creationsAtTheEndOfAnIdOrderedOffsetListingCostNoSecondLap() {
    try (VendorHarness h = idOnly(VendorListings.offsetLimit(), Conventions.offsetLimit("/things").build())) {
      seed(h, 17);
      h.server.afterEachListing(n -> h.server.put(Integer.toString(100 + n), h.server.now()));

      assertThat(h.engine.backfill(h.resource).failure()).isEmpty();

      assertThat(backfillLaps(h)).as("laps").isEqualTo(1);
      assertThat(h.server.requests).extracting(q -> q.get("offset"))
          .startsWith("0", "4", "8", "12", "16"); // every later page starts one record early
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inUpdateOrder")
  void anEditThatMovesARecordToTheEndShiftsNoRecordPastTheBackfill(String style, VendorServer.Listing listing,
      Endpoint endpoint) {
    VendorServer server = new VendorServer(Duration.ofSeconds(1), true, listing);
    Resource items = Resource.builder("items").cursorField("updated_at").pageSize(5).build();
    try (VendorHarness h = new VendorHarness(server, endpoint, items)) {
      seed(h, 17);
      h.server.afterEachListing(n -> {
        if (n == 1) {
          h.server.edit("1"); // moves to the end; record 6 moves onto page 1, which was already read
        }
      });

      SyncResult result = h.engine.backfill(h.resource);

      assertThat(result.failure()).isEmpty();
      h.assertStoreEqualsServer();
      assertThat(backfillLaps(h)).as("laps").isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idOrdered")
  void aBackfillInterruptedInItsSecondLapResumesInsideItAndIsComplete(String style, VendorServer.Listing listing,
      Endpoint endpoint) {
    try (VendorHarness h = idOnly(listing, endpoint)) {
      seed(h, 17);
      h.server.afterEachListing(n -> {
        if (n == 1) {
          h.server.delete("2"); // lap 1 sees it on its second page
        } else if (n == 3) { // lap 2's first page: its second is rejected (400 is not retried)
          h.server.fault(ex -> {
            byte[] body = "{\"error\":\"temporarily rejected\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(400, body.length);
            ex.getResponseBody().write(body);
            return true;
          });
        }
      });

      assertThatThrownBy(() -> h.engine.backfill(h.resource)).hasMessageContaining("temporarily rejected");
      assertThat(h.store.state("items").flatMap(SyncState::cursor)).isEmpty();
      assertThat(h.store.state("items").flatMap(SyncState::checkpoint)).isPresent();

      h.server.afterEachListing(n -> { });
      h.server.delete("4"); // while stopped: before the position the resumed run starts at
      int before = h.server.requests.size();
      assertThat(h.engine.backfill(h.resource).failure()).isEmpty();

      h.assertStoreHoldsServer();
      Map<String, String> resumedAt = h.server.requests.get(before);
      assertThat(resumedAt.getOrDefault("offset", resumedAt.get("page"))).as("resumed at").isNotIn("0", "1");
    }
  }

  @Test
  void aListingThatKeepsMovingFailsTheRunWithoutMovingTheCursorAndAResumedBackfillCompletes() {
    try (VendorHarness h = idOnly(VendorListings.pagePerPage(),
        Conventions.pagePerPage("/things").total("/total").build())) {
      seed(h, 40);
      h.server.afterEachListing(n -> h.server.delete(h.server.records().get(0).id()));

      assertThatThrownBy(() -> h.engine.backfill(h.resource)).isInstanceOf(SyncException.class)
          .hasMessageContaining("'items'").hasMessageContaining("page ")
          .hasMessageContaining("moved while it was read by position")
          .hasMessageContaining("total went from").hasMessageContaining("3 laps");
      assertThat(h.store.state("items").flatMap(SyncState::cursor)).isEmpty();

      h.server.afterEachListing(n -> { });
      assertThat(h.engine.backfill(h.resource).failure()).isEmpty();
      h.assertStoreHoldsServer();
      Map<String, String> live = h.server.snapshot();
      assertThat(live).hasSizeGreaterThan(20);
    }
  }
}
