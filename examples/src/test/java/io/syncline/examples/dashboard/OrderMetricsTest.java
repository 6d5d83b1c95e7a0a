package io.syncline.examples.dashboard;

import io.syncline.examples.fieldservice.FieldServiceResources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.DataOrigin;
import io.syncline.LocalRead;
import io.syncline.SyncEngine;
import io.syncline.SyncException;
import io.syncline.IdOrder;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.RecordSource;
import io.syncline.spi.SourceRecord;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderMetricsTest {

  MutableClock clock = MutableClock.standard(); // 2026-11-28T10:00:00Z
  InMemoryRecordStore store = new InMemoryRecordStore();
  Map<String, SourceRecord> remote = new ConcurrentHashMap<>();
  AtomicBoolean apiDown = new AtomicBoolean();
  AtomicInteger fetches = new AtomicInteger();

  /** The remote API as a tiny lambda: every record in the requested order, in one page. */
  RecordSource source = (PageRequest req) -> {
    fetches.incrementAndGet();
    if (apiDown.get()) {
      throw new IllegalStateException("orders: connection refused by 127.0.0.1:9 (API down)");
    }
    Comparator<SourceRecord> byId = (a, b) -> IdOrder.INSTANCE.compare(a.id(), b.id());
    Comparator<SourceRecord> order = req.order() == PageRequest.Order.ID ? byId
        : Comparator.<SourceRecord, Instant>comparing(r -> r.updatedAt().orElseThrow()).thenComparing(byId);
    return Page.of(remote.values().stream().sorted(order).toList(), false);
  };

  SyncEngine engine = SyncEngine.builder(source, store).resources(FieldServiceResources.all()).clock(clock).build();
  OrderMetrics metrics = new OrderMetrics(engine, store, clock);

  void order(long id, String status, Long technician, String createdAt, String updatedAt) {
    String json = "{\"id\":" + id + ",\"number\":\"OS-" + id + "\",\"status\":\"" + status
        + "\",\"customer\":\"Padaria São Jorge\",\"technician_id\":" + technician + ",\"equipment_id\":3,"
        + "\"created_at\":\"" + createdAt + "\",\"updated_at\":\"" + updatedAt + "\"}";
    remote.put(Long.toString(id), SourceRecord.of(Long.toString(id), Instant.parse(updatedAt), json));
  }

  void someOrders() {
    order(1, "done", 7L, "2026-08-01T09:00:00.000Z", "2026-08-02T09:00:00.000Z");
    order(2, "open", null, "2026-11-28T08:00:00.000Z", "2026-11-28T08:00:00.000Z");
    order(3, "open", 7L, "2026-11-28T07:00:00.000Z", "2026-11-28T07:30:00.000Z");
    order(4, "scheduled", 7L, "2026-11-27T23:59:59.999Z", "2026-11-28T06:00:00.000Z");
    order(5, "in_progress", 2L, "2026-10-30T00:00:00.000Z", "2026-11-27T12:00:00.000Z");
    order(6, "cancelled", 2L, "2026-10-29T23:59:59.999Z", "2026-11-01T12:00:00.000Z");
    order(10, "done", 2L, "2026-11-15T12:00:00.000Z", "2026-11-16T12:00:00.000Z");
  }

  @Test
  void emptyStoreIsBackfilledFirst() {
    someOrders();
    LocalRead<OrderDashboard> d = metrics.dashboard();
    assertThat(d.origin()).isEqualTo(DataOrigin.AFTER_BACKFILL);
    assertThat(d.error()).isEmpty();
    assertThat(d.age()).contains(Duration.ZERO);
    assertThat(d.value().orders()).isEqualTo(7);
  }

  @Test
  void freshDataIsServedLocallyWithoutCallingTheApi() {
    someOrders();
    metrics.dashboard();
    int before = fetches.get();
    clock.advance(Duration.ofMinutes(90));
    LocalRead<Map<String, Long>> byStatus = metrics.ordersByStatus();
    assertThat(byStatus.origin()).isEqualTo(DataOrigin.LOCAL);
    assertThat(byStatus.age()).contains(Duration.ofMinutes(90));
    assertThat(fetches.get()).isEqualTo(before);
  }

  @Test
  void staleDataGetsADeltaFirst() {
    someOrders();
    metrics.dashboard();
    clock.advance(Duration.ofHours(2));
    order(2, "scheduled", 9L, "2026-11-28T08:00:00.000Z", "2026-11-28T11:59:00.000Z");
    order(11, "open", 9L, "2026-11-28T11:58:00.000Z", "2026-11-28T11:58:00.000Z");
    LocalRead<OpenOrders> open = metrics.openOrdersPerTechnician();
    assertThat(open.origin()).isEqualTo(DataOrigin.AFTER_INCREMENTAL);
    assertThat(open.age()).contains(Duration.ZERO);
    assertThat(open.value().perTechnician()).containsExactly(Map.entry(2L, 1L), Map.entry(7L, 2L), Map.entry(9L, 2L));
    assertThat(open.value().unassigned()).isZero();
  }

  @Test
  void ordersTwoHoursOldAreStaleByTheOrdersTtl() {
    assertThat(FieldServiceResources.ORDERS.ttl()).contains(Duration.ofHours(2));
    assertThat(FieldServiceResources.EQUIPMENTS.ttl()).contains(Duration.ofHours(4));
    assertThat(FieldServiceResources.TECHNICIANS.ttl()).contains(Duration.ofHours(6));
    assertThat(FieldServiceResources.ORDERS.cursorField()).contains("updated_at");
    assertThat(FieldServiceResources.EQUIPMENTS.cursorField()).contains("updated_at");
    assertThat(FieldServiceResources.TECHNICIANS.cursorField()).isEmpty();
    assertThat(FieldServiceResources.all()).allSatisfy(r -> assertThat(r.pageSize()).isEqualTo(500));
    someOrders();
    metrics.dashboard();
    clock.advance(Duration.ofHours(2).minusSeconds(1));
    assertThat(metrics.dashboard().origin()).isEqualTo(DataOrigin.LOCAL);
    clock.advance(Duration.ofSeconds(1));
    assertThat(metrics.dashboard().origin()).isEqualTo(DataOrigin.AFTER_INCREMENTAL);
  }

  @Test
  void apiDownWithLocalDataServesStaleDataWithTheError() {
    someOrders();
    metrics.dashboard();
    clock.advance(Duration.ofHours(3));
    apiDown.set(true);
    order(12, "open", 1L, "2026-11-28T12:00:00.000Z", "2026-11-28T12:00:00.000Z");
    LocalRead<OrderDashboard> d = metrics.dashboard();
    assertThat(d.origin()).isEqualTo(DataOrigin.STALE_AFTER_FAILURE);
    assertThat(d.stale()).isTrue();
    assertThat(d.age()).contains(Duration.ofHours(3));
    assertThat(d.error()).hasValueSatisfying(e -> {
      assertThat(e.resource()).isEqualTo("orders");
      assertThat(e.getMessage()).contains("connection refused");
    });
    assertThat(d.value().orders()).isEqualTo(7);
  }

  @Test
  void apiDownWithoutLocalDataFails() {
    someOrders();
    apiDown.set(true);
    assertThatThrownBy(metrics::dashboard).isInstanceOf(SyncException.class)
        .hasMessageContaining("connection refused");
  }

  @Test
  void countsOrdersByStatusWithEveryKnownStatusListed() {
    someOrders();
    order(13, "on_hold", null, "2026-11-20T12:00:00.000Z", "2026-11-20T12:00:00.000Z");
    assertThat(metrics.ordersByStatus().value()).containsExactly(
        Map.entry("open", 2L), Map.entry("scheduled", 1L), Map.entry("in_progress", 1L),
        Map.entry("done", 2L), Map.entry("cancelled", 1L), Map.entry("on_hold", 1L));
  }

  @Test
  void openOrdersPerTechnicianCountOnlyOpenStatuses() {
    someOrders();
    OpenOrders open = metrics.openOrdersPerTechnician().value();
    assertThat(open.perTechnician()).containsExactly(Map.entry(2L, 1L), Map.entry(7L, 2L));
    assertThat(open.unassigned()).isEqualTo(1);
    assertThat(open.total()).isEqualTo(4);
  }

  @Test
  void createdPerDayCoversTheLastThirtyDaysIncludingToday() {
    someOrders();
    SortedMap<LocalDate, Long> perDay = metrics.ordersCreatedPerDay().value();
    assertThat(perDay).hasSize(30);
    assertThat(perDay.firstKey()).isEqualTo(LocalDate.parse("2026-10-30"));
    assertThat(perDay.lastKey()).isEqualTo(LocalDate.parse("2026-11-28"));
    assertThat(perDay.get(LocalDate.parse("2026-11-28"))).isEqualTo(2);
    assertThat(perDay.get(LocalDate.parse("2026-11-27"))).isEqualTo(1);
    assertThat(perDay.get(LocalDate.parse("2026-11-15"))).isEqualTo(1);
    assertThat(perDay.get(LocalDate.parse("2026-10-30"))).isEqualTo(1);
    assertThat(perDay.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5); // 1 and 6 are older
  }

  @Test
  void extraFieldsAndNestedValuesAreSkipped() {
    String json = "{\"id\":20,\"notes\":{\"text\":\"status: done\",\"tags\":[\"a\",{\"status\":\"done\"}]},"
        + "\"status\":\"open\",\"technician_id\":4,\"created_at\":\"2026-11-28T01:00:00.000Z\","
        + "\"updated_at\":\"2026-11-28T01:00:00.000Z\"}";
    remote.put("20", SourceRecord.of("20", Instant.parse("2026-11-28T01:00:00Z"), json));
    OrderDashboard d = metrics.dashboard().value();
    assertThat(d.byStatus()).containsEntry("open", 1L).containsEntry("done", 0L);
    assertThat(d.open().perTechnician()).containsExactly(Map.entry(4L, 1L));
  }

  @Test
  void aBrokenStoredOrderIsReportedWithItsId() {
    remote.put("21", SourceRecord.of("21", Instant.parse("2026-11-28T01:00:00Z"),
        "{\"id\":21,\"created_at\":\"last tuesday\",\"updated_at\":\"2026-11-28T01:00:00.000Z\"}"));
    assertThatThrownBy(metrics::dashboard).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Order 21").hasMessageContaining("created_at");
  }

  @Test
  void anEngineWithoutOrdersIsRejectedWithWhatToDo() {
    SyncEngine techOnly = SyncEngine.builder(source, store).resource(FieldServiceResources.TECHNICIANS).build();
    assertThatThrownBy(() -> new OrderMetrics(techOnly, store))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FieldServiceResources.ORDERS");
  }

  @Test
  void manyOrdersAreAggregatedFromTheStream() {
    for (long id = 1; id <= 20_000; id++) {
      order(id, id % 5 == 0 ? "open" : "done", id % 7, "2026-11-2" + (id % 8) + "T10:00:00.000Z",
          "2026-11-28T09:00:00.000Z");
    }
    OrderDashboard d = metrics.dashboard().value();
    assertThat(d.orders()).isEqualTo(20_000);
    assertThat(d.byStatus().get("open")).isEqualTo(4_000);
    assertThat(d.open().total()).isEqualTo(4_000);
    assertThat(List.copyOf(d.createdPerDay().values()).subList(20, 29).stream().mapToLong(Long::longValue).sum())
        .isEqualTo(20_000);
  }
}
