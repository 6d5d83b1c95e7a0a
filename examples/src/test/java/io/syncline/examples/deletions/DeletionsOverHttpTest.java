package io.syncline.examples.deletions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncEvent;
import io.syncline.SyncException;
import io.syncline.SyncMode;
import io.syncline.SyncResult;
import io.syncline.config.SyncDefinition;
import io.syncline.examples.fieldservice.FieldServiceResources;
import io.syncline.examples.server.ApiResource;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.http.HttpRecordSource;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.RecordSource;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deletions end to end over loopback HTTP: the demo API (its orders' deletion feed, its
 * {@code fields=id} listings), the real {@link HttpRecordSource} configured by the bundled
 * {@code field-service.yml}, the engine and an embedded H2 store. After every run the store's
 * live records equal the server's records, id for id and payload for payload.
 */
class DeletionsOverHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final FieldServiceServer server = FieldServiceServer.builder().port(0).orders(1_200).equipments(300)
      .technicians(40).seed(11).clock(clock).build().start();
  private final SyncDefinition config = FieldServiceResources.definition();
  private final Resource orders = FieldServiceResources.ORDERS;
  private final Resource equipments = FieldServiceResources.EQUIPMENTS.toBuilder().pageSize(100).build();
  private final JdbcRecordStore store = JdbcRecordStore.builder(
      Jdbi.create("jdbc:h2:mem:deletions_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")).build();
  private final HookedSource source = new HookedSource(config.sourceBuilder(server.baseUrl(),
      env -> FieldServiceServer.Builder.DEFAULT_TOKEN, config.resourceNames()).build());
  private final AtomicInteger pagesCommitted = new AtomicInteger();
  private volatile IntConsumer onPage = n -> { };
  private final SyncEngine engine = SyncEngine.builder(source, store).resources(FieldServiceResources.all())
      .clock(clock).listener(e -> {
        if (e instanceof SyncEvent.PageCommitted) {
          onPage.accept(pagesCommitted.incrementAndGet());
        }
      }).build();

  @AfterEach
  void stop() {
    server.stop();
  }

  private void assertLiveRecordsEqualTheServer(ApiResource r) {
    Map<String, String> live = new TreeMap<>();
    try (Stream<StoredRecord> s = store.stream(r.path())) {
      s.forEach(rec -> live.put(rec.id(), rec.json()));
    }
    Map<String, String> onServer = new TreeMap<>();
    for (String json : server.records(r)) {
      try {
        onServer.put(JSON.readTree(json).get("id").asText(), json);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    assertThat(live).as(r.path()).isEqualTo(onServer);
  }

  private void later() {
    clock.advance(Duration.ofMinutes(10));
  }

  @Test
  void theOrdersFeedMarksDeletionsWithEveryIncremental() {
    engine.backfill(orders);
    later();
    server.delete(ApiResource.ORDERS, 3);
    server.delete(ApiResource.ORDERS, 700);
    server.delete(ApiResource.ORDERS, 1_200);
    later();

    SyncResult result = engine.incremental(orders);

    assertThat(result.deleted()).isEqualTo(3);
    assertLiveRecordsEqualTheServer(ApiResource.ORDERS);
    later();
    assertThat(engine.incremental(orders).deleted()).isZero();
  }

  @Test
  void ordersDeletedDuringABackfillAreMarkedByItsCatchUp() {
    onPage = n -> {
      if (n == 1) {
        server.delete(ApiResource.ORDERS, 5);     // already stored
        server.delete(ApiResource.ORDERS, 1_100); // not read yet
      }
    };

    engine.backfill(orders);

    assertLiveRecordsEqualTheServer(ApiResource.ORDERS);
  }

  @Test
  void ordersDeletedDuringAnIncrementalAreMarkedByItsFeedPass() {
    engine.backfill(orders);
    later();
    server.updateRandom(ApiResource.ORDERS, 600);
    onPage = n -> server.delete(ApiResource.ORDERS, 10 + n);
    later();

    engine.incremental(orders);
    onPage = n -> { };

    assertLiveRecordsEqualTheServer(ApiResource.ORDERS);
  }

  @Test
  void anIdSweepWithFieldsIdMarksEquipmentsNoLongerListed() {
    engine.backfill(equipments);
    later();
    server.delete(ApiResource.EQUIPMENTS, 17);
    server.delete(ApiResource.EQUIPMENTS, 250);
    long before = server.stats().records();

    SyncResult sweep = engine.sweep(equipments);

    assertThat(sweep.mode()).isEqualTo(SyncMode.SWEEP);
    assertThat(sweep.deleted()).isEqualTo(2);
    assertThat(sweep.traffic().decodedBytes()).as("ids only").isLessThan(298 * 20L);
    assertThat(server.stats().records() - before).isEqualTo(298);
    assertLiveRecordsEqualTheServer(ApiResource.EQUIPMENTS);
  }

  @Test
  void equipmentsDeletedOrCreatedDuringASweepAreNeverMarkedWrongly() {
    engine.backfill(equipments);
    later();
    source.beforeIdFetch(1, () -> {
      server.delete(ApiResource.EQUIPMENTS, 3);   // listed already: the next sweep marks it
      server.create(ApiResource.EQUIPMENTS, 2);   // not stored yet
    });
    engine.sweep(equipments);
    later();
    engine.incremental(equipments);
    later();

    engine.sweep(equipments);

    assertLiveRecordsEqualTheServer(ApiResource.EQUIPMENTS);
  }

  @Test
  void aSweepBeyondTheSafetyLimitMarksNothing() {
    engine.backfill(equipments);
    later();
    for (long id = 1; id <= 40; id++) {
      server.delete(ApiResource.EQUIPMENTS, id);
    }

    assertThatThrownBy(() -> engine.sweep(equipments)).isInstanceOf(SyncException.class)
        .hasMessageContaining("40 of 300");

    assertThat(store.count("equipments")).isEqualTo(300);
  }

  @Test
  void aSweepThatFailsMidwayMarksNothing() {
    engine.backfill(equipments);
    later();
    server.delete(ApiResource.EQUIPMENTS, 9);
    source.beforeIdFetch(1, () -> {
      throw new IllegalStateException("the connection dropped");
    });

    assertThatThrownBy(() -> engine.sweep(equipments)).isInstanceOf(SyncException.class);

    assertThat(store.count("equipments")).isEqualTo(300);
    later();
    engine.sweep(equipments);
    assertLiveRecordsEqualTheServer(ApiResource.EQUIPMENTS);
  }

  /** The real HTTP source, with an action run before a chosen id-listing fetch. */
  private static final class HookedSource implements RecordSource {
    private final HttpRecordSource delegate;
    private final AtomicInteger idFetches = new AtomicInteger();
    private volatile int hookAt = -1;
    private volatile Runnable hook = () -> { };

    HookedSource(HttpRecordSource delegate) {
      this.delegate = delegate;
    }

    void beforeIdFetch(int nthFromNowAfterTheFirst, Runnable action) {
      hookAt = idFetches.get() + 1 + nthFromNowAfterTheFirst;
      hook = action;
    }

    @Override
    public Page fetch(PageRequest request) {
      return delegate.fetch(request);
    }

    @Override
    public boolean hasDeletionFeed(Resource resource) {
      return delegate.hasDeletionFeed(resource);
    }

    @Override
    public Page fetchDeletions(PageRequest request) {
      return delegate.fetchDeletions(request);
    }

    @Override
    public Page fetchIds(PageRequest request) {
      if (idFetches.incrementAndGet() == hookAt) {
        Runnable action = hook;
        hook = () -> { };
        action.run();
      }
      return delegate.fetchIds(request);
    }
  }
}
