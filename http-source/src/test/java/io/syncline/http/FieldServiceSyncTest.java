package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.InMemoryRecordStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The source wired to core's engine against a server that follows the field-service contract. */
class FieldServiceSyncTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(10).build();
  private final Resource equipments = Resource.builder("equipments").cursorField("updated_at").pageSize(10).build();
  private final Resource technicians = Resource.builder("technicians").pageSize(10).build();

  private FieldServiceServer server;
  private InMemoryRecordStore store;
  private SyncEngine engine;

  @BeforeEach
  void start() throws Exception {
    server = new FieldServiceServer();
    store = new InMemoryRecordStore();
    engine = SyncEngine.builder(source(), store).resources(List.of(orders, equipments, technicians))
        .clock(server.clock).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpRecordSource source() {
    return HttpRecordSource.builder(server.baseUrl()).clock(server.clock)
        .bearerToken(FieldServiceServer.TOKEN)
        .retry(RetrySettings.builder().backoff(Duration.ofMillis(1), 2, Duration.ofMillis(10)).jitter(0).build())
        .endpoint("orders", Conventions.demoApi("/v1/orders").dateRange("created_from", "created_to").build())
        .endpoint("equipments", Conventions.demoApi("/v1/equipments").build())
        .endpoint("technicians", Conventions.demoApi("/v1/technicians").noTimestampFilter().build())
        .build();
  }

  @Test
  void backfillThenMutationsThenIncrementalEndsWithExactlyTheServersRecords() {
    Instant t0 = server.now().minus(Duration.ofHours(1));
    LocalDate day = LocalDate.parse("2026-11-01");
    for (long id = 1; id <= 20; id++) {
      server.putOrder(id, t0.plusMillis(id), day);
    }
    Instant cluster = t0.plusSeconds(10);
    for (long id = 21; id <= 55; id++) { // 35 records share one updated_at: 3.5 pages
      server.putOrder(id, cluster, day.plusDays(id % 5));
    }
    for (long id = 1; id <= 23; id++) {
      server.putEquipment(id * 3, t0.plusMillis(id / 4)); // runs of 4 equal timestamps
    }
    for (long id = 1; id <= 27; id++) {
      server.putTechnician(id, "Tech " + id);
    }

    for (Resource r : List.of(orders, equipments, technicians)) {
      engine.backfill(r);
      assertStoreMatchesServer(r.name());
    }

    Instant t1 = server.now();
    for (long id = 3; id <= 50; id += 2) { // 24 updates to a single new instant, spanning pages
      server.touch("orders", id, t1);
    }
    for (long id = 56; id <= 70; id++) {
      server.putOrder(id, server.now(), day);
    }
    server.touch("equipments", 6, server.now());
    server.putEquipment(1000, server.now());
    for (long id = 28; id <= 41; id++) {
      server.putTechnician(id, "New tech " + id);
    }

    for (Resource r : List.of(orders, equipments, technicians)) {
      SyncResult result = engine.incremental(r);
      assertThat(result.failure()).isEmpty();
      assertStoreMatchesServer(r.name());
    }
    String stored = store.find("orders", "5").orElseThrow().json();
    assertThat(stored).contains("\"x_vendor\"").contains("10.5");
  }

  @Test
  void idOnlyResourcePicksUpEditsOnAFullRefreshAndNewRecordsIncrementally() {
    for (long id = 1; id <= 25; id++) {
      server.putTechnician(id, "Tech " + id);
    }
    engine.backfill(technicians);
    server.putTechnician(26, "Newcomer");
    engine.incremental(technicians);
    assertStoreMatchesServer("technicians");
    server.putTechnician(4, "Renamed");
    engine.backfill(technicians);
    assertStoreMatchesServer("technicians");
    assertThat(server.requests).noneMatch(s -> s.path().equals("/v1/technicians")
        && (s.query().containsKey("updated_since") || "updated_at".equals(s.query().get("sort"))));
  }

  @Test
  void equalTimestampsSpanningThreePagesAreReadWholeWithKeysetRequestsOnly() {
    Instant t = server.now().minus(Duration.ofMinutes(30));
    server.putOrder(1, t.minusMillis(5), LocalDate.parse("2026-11-01"));
    for (long id = 2; id <= 31; id++) { // 3 x page size at one instant
      server.putOrder(id, t, LocalDate.parse("2026-11-01"));
    }
    server.putOrder(32, t.plusMillis(1), LocalDate.parse("2026-11-01"));
    server.putOrder(33, t.plusMillis(1), LocalDate.parse("2026-11-01"));

    SyncResult result = engine.incremental(orders);

    assertThat(result.failure()).isEmpty();
    assertStoreMatchesServer("orders");
    assertThat(server.requests).allSatisfy(s -> assertThat(s.query()).doesNotContainKey("page"));
    assertThat(server.requests).anySatisfy(s -> assertThat(s.query()).containsKeys("since_id", "updated_since"));
  }

  @Test
  void recordsUpdatedWhilePagingAreNeitherSkippedNorLost() {
    Instant t0 = server.now().minus(Duration.ofMinutes(20));
    for (long id = 1; id <= 60; id++) {
      server.putOrder(id, t0.plusMillis(id * 10), LocalDate.parse("2026-11-02"));
    }
    AtomicInteger listings = new AtomicInteger();
    server.beforeListing(seen -> {
      if (listings.incrementAndGet() == 3) {
        server.touch("orders", 5, server.now());   // already read: moves to the end
        server.touch("orders", 45, server.now());  // not read yet: moves past us, must not be skipped
        server.touch("orders", 15, server.now());
        server.putOrder(61, server.now(), LocalDate.parse("2026-11-03"));
      }
    });

    SyncResult result = engine.incremental(orders);

    assertThat(result.failure()).isEmpty();
    assertThat(listings.get()).isGreaterThan(3);
    assertStoreMatchesServer("orders");
  }

  @Test
  void backfillWithDateRangeSendsCreatedFromAndTo() {
    for (long id = 1; id <= 30; id++) {
      server.putOrder(id, server.now().minus(Duration.ofHours(3)), LocalDate.parse("2026-11-01").plusDays(id % 10));
    }
    engine.backfill(orders, io.syncline.DateRange.between(LocalDate.parse("2026-11-03"), LocalDate.parse("2026-11-05")));
    assertThat(server.requests).anySatisfy(s -> assertThat(s.query())
        .containsEntry("created_from", "2026-11-03").containsEntry("created_to", "2026-11-05"));
    assertThat(store.all("orders")).isNotEmpty().allSatisfy(r -> {
      String created = JSON.readTree(r.json()).get("created_at").asText().substring(0, 10);
      assertThat(created).isBetween("2026-11-03", "2026-11-05");
    });
    assertThat(store.all("orders")).hasSize(9); // days 3, 4, 5 of ids 1..30 by id % 10

  }

  private void assertStoreMatchesServer(String resource) {
    Map<String, JsonNode> expected = new TreeMap<>();
    server.snapshot(resource).forEach((id, json) -> expected.put(id, tree(json)));
    Map<String, JsonNode> actual = new TreeMap<>();
    for (StoredRecord r : store.all(resource)) {
      actual.put(r.id(), tree(r.json()));
    }
    assertThat(actual).as("store of " + resource).isEqualTo(expected);
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
