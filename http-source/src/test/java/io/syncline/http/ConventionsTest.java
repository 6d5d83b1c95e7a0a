package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncResult;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, items 4 and 5: each ready-made convention against a loopback server that follows it
 * and answers 400 to any parameter it does not know, with default settings, through the engine
 * into a store: backfill, then creations and edits, then the next runs; after every run the store
 * equals the server's records.
 */
class ConventionsTest {

  private static String id(int n) {
    return String.format("obj_%04d", n);
  }

  /** An id-only resource: backfill, new records incrementally, edits on the next full refresh. */
  private static void idOnlyLifecycle(VendorServer server, Endpoint endpoint, boolean numericIds) {
    Resource items = Resource.builder("items").pageSize(7).build();
    try (VendorHarness h = new VendorHarness(server, endpoint, items)) {
      Supplier<Integer> n = () -> h.server.records().size();
      for (int i = 1; i <= 23; i++) {
        h.server.put(numericIds ? Integer.toString(i) : id(i), h.server.now());
      }
      assertSucceeded(h.engine.backfill(h.resource));
      h.assertStoreEqualsServer();

      for (int i = 24; i <= 30; i++) {
        h.server.put(numericIds ? Integer.toString(i) : id(i), h.server.now());
      }
      assertSucceeded(h.engine.incremental(h.resource));
      h.assertStoreEqualsServer();

      h.server.clock.advance(Duration.ofSeconds(5));
      h.server.edit(numericIds ? "3" : id(3));
      h.server.edit(numericIds ? "29" : id(29));
      assertSucceeded(h.engine.backfill(h.resource));
      h.assertStoreEqualsServer();
      assertThat(n.get()).isEqualTo(30);
      assertThat(h.server.requests).allSatisfy(q -> assertThat(q).doesNotContainKeys("sort", "since_id"));
    }
  }

  /** A timestamped resource: backfill, then creations and edits, then incremental runs. */
  private static void timestampedLifecycle(VendorHarness h) {
    for (int i = 1; i <= 23; i++) {
      h.server.put(Integer.toString(i), h.server.now().minusSeconds(100 - i / 3));
    }
    assertSucceeded(h.engine.backfill(h.resource));
    h.assertStoreEqualsServer();

    h.server.clock.advance(Duration.ofSeconds(3));
    h.server.edit("2");
    h.server.edit("17");
    for (int i = 24; i <= 28; i++) {
      h.server.put(Integer.toString(i), h.server.now());
    }
    assertSucceeded(h.engine.incremental(h.resource));
    h.assertStoreEqualsServer();

    h.server.edit("5"); // within the same instant as the cursor, a lower id
    assertSucceeded(h.engine.incremental(h.resource));
    h.assertStoreEqualsServer();
  }

  private static void assertSucceeded(SyncResult r) {
    assertThat(r.failure()).isEmpty();
  }

  @Test
  void demoApiSendsNoPageNumberAndSyncsEveryRecord() {
    VendorServer server = new VendorServer(Duration.ofMillis(1), true, VendorListings.demoKeyset());
    Resource items = Resource.builder("items").cursorField("updated_at").pageSize(7).build();
    try (VendorHarness h = new VendorHarness(server, Conventions.demoApi("/items").build(), items)) {
      timestampedLifecycle(h);
      assertThat(h.server.requests).allSatisfy(q -> assertThat(q).doesNotContainKey("page"));
    }
  }

  @Test
  void linkHeaderSinceFollowsTheLinkAndFiltersBySinceAtSecondGranularity() {
    VendorServer server = new VendorServer(Duration.ofSeconds(1), true, VendorListings.linkHeaderSince());
    Resource issues = Resource.builder("items").cursorField("updated_at").pageSize(7).build();
    try (VendorHarness h = new VendorHarness(server, Conventions.linkHeaderSince("/repos/o/r/issues").build(),
        issues)) {
      timestampedLifecycle(h);
      assertThat(h.server.requests).anySatisfy(q -> assertThat(q).containsKey("page"));
      assertThat(h.server.requests).anySatisfy(q -> assertThat(q).containsEntry("sort", "updated")
          .containsKey("since"));
    }
  }

  @Test
  void startingAfterSendsOnlyTheLastIdAndTheLimit() {
    idOnlyLifecycle(new VendorServer(Duration.ofMillis(1), false, VendorListings.startingAfter()),
        Conventions.startingAfter("/v1/events").build(), false);
  }

  @Test
  void pageTokenFollowUpsCarryOnlyTheTokenAndThePageSize() {
    VendorServer server = new VendorServer(Duration.ofMillis(1), false, VendorListings.pageToken());
    idOnlyLifecycle(server, Conventions.pageToken("/products").build(), false);
    assertThat(server.requests).anySatisfy(q -> assertThat(q).containsOnlyKeys("page_token", "limit"));
  }

  @Test
  void pageTokenRejectsFiltersNextToTheTokenSoTheOldBehaviourWouldFail() {
    VendorServer server = new VendorServer(Duration.ofMillis(1), false, VendorListings.pageToken());
    Endpoint repeating = Conventions.pageToken("/products")
        .paginator(Paginator.nextToken("/next_page_token", "page_token")).parameter("status", "active").build();
    Resource items = Resource.builder("items").pageSize(7).build();
    try (VendorHarness h = new VendorHarness(server, repeating, items)) {
      h.server.put(id(1), h.server.now());
      assertThat(h.engine.syncAll()).singleElement().satisfies(r -> assertThat(r.failure()).isPresent());
    }
  }

  @Test
  void offsetLimitReadsUpToTheTotal() {
    idOnlyLifecycle(new VendorServer(Duration.ofMillis(1), true, VendorListings.offsetLimit()),
        Conventions.offsetLimit("/things").build(), true);
  }

  @Test
  void pagePerPageEndsOnTheShortPage() {
    idOnlyLifecycle(new VendorServer(Duration.ofMillis(1), true, VendorListings.pagePerPage()),
        Conventions.pagePerPage("/things").build(), true);
  }
}
