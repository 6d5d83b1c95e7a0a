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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of conditional polling over generated interleavings of server changes and polls,
 * against the loopback field-service server (gzip and ETags per the contract): after every run the
 * store equals the server; a run is answered "not modified" only when nothing changed since the
 * previous run; and every If-None-Match the server saw names an ETag that it gave for exactly
 * that request (URI and Accept-Encoding).
 */
class ConditionalPollingPropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One step: how many orders change, how many are created, how many technicians are created. */
  record Step(int changed, int created, int technicians, boolean compression) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Integer> changes = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.just(0)), net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 4)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(5, 25)));
    Arbitrary<Integer> creates = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.just(0)), net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 12)));
    Arbitrary<Step> step = net.jqwik.api.Combinators.combine(changes, creates,
        Arbitraries.integers().between(0, 2).injectDuplicates(0.6), Arbitraries.of(true, true, false))
        .as(Step::new);
    return step.list().ofMinSize(2).ofMaxSize(9);
  }

  @Property(tries = 25)
  void pollsKeepTheStoreEqualToTheServerAndAre304OnlyWhenNothingChanged(@ForAll("steps") List<Step> steps)
      throws Exception {
    try (FieldServiceServer server = new FieldServiceServer()) {
      Instant t0 = server.now().minus(Duration.ofHours(1));
      int orders = 13;
      for (long id = 1; id <= orders; id++) {
        server.putOrder(id, t0.plusMillis(id / 3), LocalDate.parse("2026-11-01"));
      }
      long technicians = 4;
      for (long id = 1; id <= technicians; id++) {
        server.putTechnician(id, "Tech " + id);
      }
      Resource ordersResource = Resource.builder("orders").cursorField("updated_at").pageSize(10).build();
      Resource techniciansResource = Resource.builder("technicians").pageSize(3).build();
      InMemoryRecordStore store = new InMemoryRecordStore();
      SyncEngine gzip = engine(server, store, true, ordersResource, techniciansResource);
      SyncEngine plain = engine(server, store, false, ordersResource, techniciansResource);
      gzip.backfill(ordersResource);
      gzip.backfill(techniciansResource);
      assertStoreEqualsServer(server, store);

      for (Step s : steps) {
        for (int i = 0; i < s.changed(); i++) {
          server.touch("orders", 1 + (i * 7 + s.created()) % orders, server.now());
        }
        for (int i = 0; i < s.created(); i++) {
          server.putOrder(++orders, server.now(), LocalDate.parse("2026-11-02"));
        }
        for (int i = 0; i < s.technicians(); i++) {
          ++technicians;
          server.putTechnician(technicians, "Tech " + technicians);
        }
        SyncEngine engine = s.compression() ? gzip : plain;
        SyncResult o = engine.incremental(ordersResource);
        SyncResult t = engine.incremental(techniciansResource);

        assertStoreEqualsServer(server, store);
        if (s.changed() + s.created() > 0) {
          assertThat(o.notModified()).as("orders changed, yet the poll was answered 304").isFalse();
        }
        if (s.technicians() > 0) {
          assertThat(t.notModified()).as("technicians were created, yet the poll was answered 304").isFalse();
        }
        for (SyncResult r : List.of(o, t)) {
          if (r.notModified()) {
            assertThat(r.traffic().requests()).isEqualTo(1);
            assertThat(r.traffic().wireBytes()).isZero();
          }
        }
      }
      for (FieldServiceServer.Seen seen : server.requests) {
        String inm = seen.header("If-None-Match");
        if (inm != null) {
          java.util.Set<List<Object>> origins = server.etagOrigins.get(inm);
          assertThat(origins).as("an If-None-Match the server never handed out").isNotNull();
          assertThat(origins).as("a validator sent with another request than the ones it came from")
              .contains(java.util.Arrays.asList(seen.path(), seen.query(), seen.header("Accept-Encoding")));
        }
      }
    }
  }

  private static SyncEngine engine(FieldServiceServer server, InMemoryRecordStore store, boolean compression,
      Resource... resources) {
    HttpRecordSource source = HttpRecordSource.builder(server.baseUrl())
        .bearerToken(FieldServiceServer.TOKEN)
        .clock(server.clock)
        .compression(compression)
        .endpoint("orders", Conventions.demoApi("/v1/orders").build())
        .endpoint("technicians", Conventions.demoApi("/v1/technicians").noTimestampFilter().build())
        .build();
    return SyncEngine.builder(source, store).resources(List.of(resources)).clock(server.clock).build();
  }

  private static void assertStoreEqualsServer(FieldServiceServer server, InMemoryRecordStore store) throws Exception {
    for (String resource : List.of("orders", "technicians")) {
      Map<String, JsonNode> expected = new TreeMap<>();
      for (Map.Entry<String, String> e : server.snapshot(resource).entrySet()) {
        expected.put(e.getKey(), JSON.readTree(e.getValue()));
      }
      Map<String, JsonNode> actual = new TreeMap<>();
      for (StoredRecord r : store.all(resource)) {
        actual.put(r.id(), JSON.readTree(r.json()));
      }
      assertThat(actual).as(resource).isEqualTo(expected);
    }
  }
}
