package io.syncline.examples.dashboard;

import io.syncline.examples.fieldservice.FieldServiceResources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.DataOrigin;
import io.syncline.LocalRead;
import io.syncline.SyncEngine;
import io.syncline.examples.server.ApiResource;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard on a store synced from the real demo server over HTTP. */
class OrderMetricsAgainstDemoServerTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  FieldServiceServer server = FieldServiceServer.builder().orders(3_000).equipments(400).technicians(30)
      .seed(3).clock(clock).build().start();
  InMemoryRecordStore store = new InMemoryRecordStore();
  SyncEngine engine = SyncEngine.builder(new DemoApiSource(server.baseUrl(), FieldServiceServer.Builder.DEFAULT_TOKEN),
      store).resources(FieldServiceResources.all()).clock(clock).build();
  OrderMetrics metrics = new OrderMetrics(engine, store, clock);

  @AfterEach
  void stop() {
    server.stop();
  }

  Map<String, Long> statusesOnTheServer() {
    Map<String, Long> out = new TreeMap<>();
    for (String json : server.records(ApiResource.ORDERS)) {
      out.merge(read(json).get("status").asText(), 1L, Long::sum);
    }
    return out;
  }

  static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void assertStoreHoldsExactlyTheServersOrders() {
    assertThat(store.all("orders").stream().map(StoredRecord::json).toList())
        .isEqualTo(server.records(ApiResource.ORDERS));
  }

  @Test
  void backfillsThenServesLocallyThenSyncsTheDelta() {
    LocalRead<OrderDashboard> first = metrics.dashboard();
    assertThat(first.origin()).isEqualTo(DataOrigin.AFTER_BACKFILL);
    assertThat(first.value().orders()).isEqualTo(3_000);
    assertThat(new TreeMap<>(first.value().byStatus())).isEqualTo(statusesOnTheServer());
    assertStoreHoldsExactlyTheServersOrders();

    long requests = server.stats().requests();
    clock.advance(Duration.ofMinutes(30));
    assertThat(metrics.dashboard().origin()).isEqualTo(DataOrigin.LOCAL);
    assertThat(server.stats().requests()).isEqualTo(requests);

    clock.advance(Duration.ofMinutes(90));
    List<Long> changed = server.updateRandom(ApiResource.ORDERS, 40);
    server.create(ApiResource.ORDERS, 5);
    long recordsBefore = server.stats().records();
    LocalRead<OrderDashboard> later = metrics.dashboard();
    assertThat(later.origin()).isEqualTo(DataOrigin.AFTER_INCREMENTAL);
    assertThat(later.value().orders()).isEqualTo(3_005);
    assertThat(new TreeMap<>(later.value().byStatus())).isEqualTo(statusesOnTheServer());
    assertStoreHoldsExactlyTheServersOrders();
    // Only the delta travelled (plus what the 5-minute lookback re-reads).
    assertThat(server.stats().records() - recordsBefore).isBetween(45L, 45L + 50L);
    assertThat(changed).hasSize(40);
  }

  @Test
  void serverDownAfterABackfillServesStaleData() {
    metrics.dashboard();
    server.stop();
    clock.advance(Duration.ofHours(3));
    LocalRead<OrderDashboard> d = metrics.dashboard();
    assertThat(d.origin()).isEqualTo(DataOrigin.STALE_AFTER_FAILURE);
    assertThat(d.age()).contains(Duration.ofHours(3));
    assertThat(d.error()).isPresent();
    assertThat(d.value().orders()).isEqualTo(3_000);
  }
}
