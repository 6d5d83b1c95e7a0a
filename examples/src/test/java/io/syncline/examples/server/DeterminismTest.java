package io.syncline.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
  static final List<String> PAGES = List.of(
      "/v1/orders?per_page=500", "/v1/orders?per_page=500&page=3", "/v1/orders?sort=updated_at&per_page=200",
      "/v1/equipments?per_page=500", "/v1/equipments?sort=updated_at&page=2", "/v1/technicians?per_page=500");

  FieldServiceServer server(long seed, Clock clock) {
    return FieldServiceServer.builder().orders(2_000).equipments(300).technicians(25).seed(seed).clock(clock)
        .build().start();
  }

  @Test
  void sameSeedGivesByteIdenticalResponses() {
    try (FieldServiceServer a = server(11, CLOCK); FieldServiceServer b = server(11, CLOCK)) {
      ApiClient ca = new ApiClient(a);
      ApiClient cb = new ApiClient(b);
      for (String page : PAGES) {
        assertThat(ca.get(page).raw().body()).as(page).isEqualTo(cb.get(page).raw().body());
      }
    }
  }

  @Test
  void differentSeedsGiveDifferentData() {
    try (FieldServiceServer a = server(11, CLOCK); FieldServiceServer b = server(12, CLOCK)) {
      assertThat(a.records(ApiResource.ORDERS)).isNotEqualTo(b.records(ApiResource.ORDERS));
      assertThat(a.records(ApiResource.EQUIPMENTS)).isNotEqualTo(b.records(ApiResource.EQUIPMENTS));
      assertThat(a.records(ApiResource.TECHNICIANS)).isNotEqualTo(b.records(ApiResource.TECHNICIANS));
    }
  }

  @Test
  void sameMutationHistoryGivesIdenticalResponses() {
    MutableClock clockA = MutableClock.standard();
    MutableClock clockB = MutableClock.standard();
    try (FieldServiceServer a = server(5, clockA); FieldServiceServer b = server(5, clockB)) {
      for (FieldServiceServer s : List.of(a, b)) {
        MutableClock c = s == a ? clockA : clockB;
        c.advance(Duration.ofMinutes(3));
        s.updateRandom(ApiResource.ORDERS, 40);
        s.create(ApiResource.ORDERS, 7);
        s.updateRandom(ApiResource.EQUIPMENTS, 12);
        s.updateRandom(ApiResource.TECHNICIANS, 3);
        s.delete(ApiResource.ORDERS, 17);
      }
      for (ApiResource r : ApiResource.values()) {
        assertThat(a.records(r)).isEqualTo(b.records(r));
      }
      ApiClient ca = new ApiClient(a);
      ApiClient cb = new ApiClient(b);
      for (String page : PAGES) {
        assertThat(ca.get(page).raw().body()).as(page).isEqualTo(cb.get(page).raw().body());
      }
    }
  }
}
