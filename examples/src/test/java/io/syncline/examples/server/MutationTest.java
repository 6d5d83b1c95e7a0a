package io.syncline.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MutationTest {
  MutableClock clock = MutableClock.standard();
  FieldServiceServer server = FieldServiceServer.builder().orders(1_500).equipments(200).technicians(20)
      .clock(clock).build().start();
  ApiClient api = new ApiClient(server);

  @AfterEach
  void stop() {
    server.stop();
  }

  static List<Long> ids(List<JsonNode> nodes) {
    return nodes.stream().map(n -> n.get("id").asLong()).toList();
  }

  @Test
  void updatedRecordsMoveToTheEndOfUpdatedAtOrder() {
    clock.advance(Duration.ofMinutes(10));
    List<Long> changed = server.updateRandom(ApiResource.ORDERS, 50);
    assertThat(changed).hasSize(50).isSorted().doesNotHaveDuplicates();
    List<JsonNode> all = api.all("orders", "sort=updated_at", 500);
    assertThat(all).hasSize(1_500);
    List<JsonNode> tail = all.subList(1_450, 1_500);
    assertThat(ids(tail)).isEqualTo(changed);
    assertThat(tail).allSatisfy(n -> assertThat(n.get("updated_at").asText()).isEqualTo("2026-11-28T10:10:00.000Z"));
    List<JsonNode> delta = api.all("orders", "sort=updated_at&updated_since=2026-11-28T10:10:00Z", 500);
    assertThat(ids(delta)).isEqualTo(changed);
  }

  @Test
  void anUpdateMovesAnOrderAlongItsLifecycle() {
    JsonNode before = api.get("/v1/orders?since_id=99&per_page=1").data().get(0);
    clock.advance(Duration.ofSeconds(1));
    server.update(ApiResource.ORDERS, 100);
    JsonNode after = api.get("/v1/orders?since_id=99&per_page=1").data().get(0);
    String s = before.get("status").asText();
    assertThat(after.get("status").asText()).isIn(switch (s) {
      case "open" -> List.of("scheduled", "cancelled");
      case "scheduled" -> List.of("in_progress");
      case "in_progress" -> List.of("done", "cancelled");
      default -> List.of(s);
    });
    assertThat(Instant.parse(after.get("updated_at").asText())).isAfter(Instant.parse(before.get("updated_at").asText()));
    assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
  }

  @Test
  void updatedAtNeverGoesBackwardsEvenWhenTheClockDoesNot() {
    server.update(ApiResource.EQUIPMENTS, 1, 2);
    server.update(ApiResource.EQUIPMENTS, 1, 2);
    List<JsonNode> firstTwo = api.get("/v1/equipments?per_page=2").data();
    // The clock stood still: each update still moved updated_at forward by at least 1 ms.
    assertThat(firstTwo).allSatisfy(n -> assertThat(Instant.parse(n.get("updated_at").asText()))
        .isAfter(clock.instant()));
  }

  @Test
  void createdRecordsGetLargerIdsAndAppearInListings() {
    clock.advance(Duration.ofMinutes(1));
    List<Long> created = server.create(ApiResource.ORDERS, 3);
    assertThat(created).containsExactly(1_501L, 1_502L, 1_503L);
    List<JsonNode> fresh = api.all("orders", "since_id=1500", 100);
    assertThat(ids(fresh)).isEqualTo(created);
    assertThat(fresh).allSatisfy(o -> {
      assertThat(o.get("status").asText()).isEqualTo("open");
      assertThat(o.get("created_at").asText()).isEqualTo("2026-11-28T10:01:00.000Z");
      assertThat(o.get("number").asText()).startsWith("OS-150");
    });
    assertThat(api.get("/v1/orders").meta().get("total").asLong()).isEqualTo(1_503);
    assertThat(server.create(ApiResource.TECHNICIANS, 1)).containsExactly(21L);
    assertThat(api.all("technicians", "since_id=20", 10)).hasSize(1);
  }

  @Test
  void deletedRecordsVanishAndTheirIdsAreNotReused() {
    assertThat(server.delete(ApiResource.ORDERS, 1_500)).isTrue();
    assertThat(server.delete(ApiResource.ORDERS, 1_500)).isFalse();
    assertThat(server.delete(ApiResource.ORDERS, 7)).isTrue();
    assertThat(api.get("/v1/orders").meta().get("total").asLong()).isEqualTo(1_498);
    assertThat(ids(api.all("orders", "", 500))).doesNotContain(7L, 1_500L).hasSize(1_498);
    assertThat(ids(api.all("orders", "sort=updated_at", 500))).doesNotContain(7L, 1_500L).hasSize(1_498);
    assertThat(server.create(ApiResource.ORDERS, 1)).containsExactly(1_501L);
  }

  @Test
  void commitLagStampsRecordsInThePast() {
    try (FieldServiceServer lagging = FieldServiceServer.builder().orders(100).clock(clock)
        .commitLag(Duration.ofSeconds(30)).build().start()) {
      clock.advance(Duration.ofMinutes(5));
      List<Long> changed = lagging.updateRandom(ApiResource.ORDERS, 5);
      List<JsonNode> delta = new ApiClient(lagging).all("orders", "sort=updated_at&updated_since=2026-11-28T10:04:30Z", 100);
      assertThat(ids(delta)).isEqualTo(changed);
      assertThat(delta).allSatisfy(n -> assertThat(n.get("updated_at").asText()).isEqualTo("2026-11-28T10:04:30.000Z"));
    }
  }

  @Test
  void technicianUpdatesToggleActive() {
    JsonNode before = api.get("/v1/technicians?per_page=1").data().get(0);
    server.update(ApiResource.TECHNICIANS, 1);
    JsonNode after = api.get("/v1/technicians?per_page=1").data().get(0);
    assertThat(after.get("active").asBoolean()).isNotEqualTo(before.get("active").asBoolean());
  }

  @Test
  void updatingAnUnknownIdSaysWhichIdsExist() {
    assertThatThrownBy(() -> server.update(ApiResource.ORDERS, 99_999))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no record with id 99999");
  }

  @Test
  void listingsStayConsistentWhileRecordsChange() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    AtomicBoolean running = new AtomicBoolean(true);
    try {
      Future<Integer> writer = pool.submit(() -> {
        int n = 0;
        while (running.get()) {
          clock.advance(Duration.ofMillis(10));
          server.updateRandom(ApiResource.ORDERS, 20);
          server.create(ApiResource.ORDERS, 1);
          n++;
        }
        return n;
      });
      List<Future<Void>> readers = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        readers.add(pool.submit(() -> {
          for (int round = 0; round < 5; round++) {
            List<JsonNode> all = api.all("orders", "sort=updated_at", 500);
            assertThat(all.size()).isGreaterThanOrEqualTo(1_500);
            List<JsonNode> byId = api.all("orders", "", 500);
            assertThat(ids(byId)).isSorted().doesNotHaveDuplicates();
          }
          return null;
        }));
      }
      for (Future<Void> r : readers) {
        r.get(60, TimeUnit.SECONDS);
      }
      running.set(false);
      assertThat(writer.get(10, TimeUnit.SECONDS)).isPositive();
      // After the dust settles the two orderings hold the same records.
      assertThat(ids(api.all("orders", "sort=updated_at", 500)))
          .containsExactlyInAnyOrderElementsOf(ids(api.all("orders", "", 500)));
    } finally {
      running.set(false);
      pool.shutdownNow();
    }
  }
}
