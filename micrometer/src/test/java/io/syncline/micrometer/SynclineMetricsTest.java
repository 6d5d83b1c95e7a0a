package io.syncline.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncException;
import io.syncline.SyncResult;
import io.syncline.Traffic;
import io.syncline.Validator;
import io.syncline.http.HttpSourceEvent;
import io.syncline.http.HttpSourceListener;
import io.syncline.spi.Page;
import io.syncline.spi.RecordSource;
import io.syncline.spi.RecordStore;
import io.syncline.testing.InMemoryRecordSource;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynclineMetricsTest {
  private final MutableClock clock = MutableClock.standard();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SynclineMetrics metrics = SynclineMetrics.builder(registry).clock(clock).tags("api", "demo").build();
  private final InMemoryRecordSource source = new InMemoryRecordSource(clock);
  private final InMemoryRecordStore raw = new InMemoryRecordStore();
  private final RecordStore store = metrics.meter(raw);
  private final Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(10).build();
  private final SyncEngine engine = SyncEngine.builder(source, store).resource(orders).clock(clock)
      .listener(metrics).build();

  private double count(String name) {
    return registry.get(name).tag("resource", "orders").tag("api", "demo").counter().count();
  }

  @Test
  void recordsArePerPageAndRunsAreTimedByModeAndOutcome() {
    Instant t = clock.instant().minus(Duration.ofHours(1));
    for (long id = 1; id <= 25; id++) {
      source.put("orders", id, t.plusSeconds(id));
    }
    engine.backfill(orders);
    clock.advance(Duration.ofMinutes(1));
    source.touch("orders", 3, clock.instant().minusSeconds(5));
    source.touch("orders", 4, clock.instant().minusSeconds(4));
    source.put("orders", 26, clock.instant().minusSeconds(3));
    engine.incremental(orders);

    assertThat(count("syncline.records.inserted")).isEqualTo(26);
    assertThat(count("syncline.records.updated")).isEqualTo(2);
    assertThat(count("syncline.records.fetched"))
        .isEqualTo(count("syncline.records.inserted") + count("syncline.records.updated")
            + count("syncline.records.unchanged"));
    assertThat(registry.get("syncline.page.writes").tag("resource", "orders").timer().count())
        .isGreaterThanOrEqualTo(3);
    assertThat(registry.get("syncline.sync.runs").tag("mode", "backfill").tag("outcome", "success").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("syncline.sync.runs").tag("mode", "incremental").tag("outcome", "success").timer()
        .count()).isEqualTo(1);
  }

  @Test
  void aFailedRunIsTimedAsAFailure() {
    source.put("orders", 1, clock.instant().minusSeconds(60));
    source.failOnFetch(1);

    assertThatThrownBy(() -> engine.backfill(orders)).isInstanceOf(SyncException.class);

    assertThat(registry.get("syncline.sync.runs").tag("outcome", "failure").timer().count()).isEqualTo(1);
  }

  @Test
  void dataAgeIsTheTimeSinceTheLastSuccessfulRunAndNaNBeforeOne() {
    metrics.registerDataAge(raw, List.of(orders));
    assertThat(registry.get("syncline.data.age").tag("resource", "orders").gauge().value()).isNaN();
    source.put("orders", 1, clock.instant().minusSeconds(60));

    engine.backfill(orders);
    clock.advance(Duration.ofMinutes(90));

    assertThat(registry.get("syncline.data.age").tag("resource", "orders").gauge().value()).isEqualTo(5400.0);
  }

  @Test
  void httpEventsBecomeRequestThrottleRetryQuotaAndRateMeters() {
    HttpSourceListener http = metrics.httpListener();
    http.onEvent(new HttpSourceEvent.Response("orders", 1, 429, Duration.ofMillis(3)));
    http.onEvent(new HttpSourceEvent.RateChanged("orders", 10, 5));
    http.onEvent(new HttpSourceEvent.QuotaWait("orders", 1, Duration.ofSeconds(2)));
    http.onEvent(new HttpSourceEvent.Retry("orders", 1, 1, Duration.ofSeconds(2), 429, "status 429"));
    http.onEvent(new HttpSourceEvent.RequestFailed("orders", 1, "timed out"));
    http.onEvent(new HttpSourceEvent.Retry("orders", 1, 2, Duration.ofMillis(200), 0, "timed out"));
    http.onEvent(new HttpSourceEvent.Response("orders", 1, 200, Duration.ofMillis(3)));

    assertThat(registry.get("syncline.http.requests").tag("status", "429").counter().count()).isEqualTo(1);
    assertThat(registry.get("syncline.http.requests").tag("status", "200").counter().count()).isEqualTo(1);
    assertThat(registry.get("syncline.http.requests").tag("status", "none").counter().count()).isEqualTo(1);
    assertThat(count("syncline.http.rate.limited")).isEqualTo(1);
    assertThat(count("syncline.http.retries")).isEqualTo(2);
    assertThat(registry.get("syncline.http.quota.waits").timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo(2.0);
    assertThat(registry.get("syncline.http.rate").gauge().value()).isEqualTo(5.0);
  }

  @Test
  void trafficIsCountedPerCommittedPageAndForWhatARunCostBeyondItsPages() {
    Instant t = clock.instant().minus(Duration.ofHours(1));
    for (long id = 1; id <= 25; id++) {
      source.put("orders", id, t.plusSeconds(id));
    }
    // Like an HTTP source: every page costs one request, 100 bytes on the wire and 700 decoded and
    // carries an ETag; a request that sends the ETag back is answered 304.
    Validator etag = new Validator(Validator.Kind.ETAG, "\"v1\"", "orders-first-page");
    RecordSource counting = request -> request.validator().isPresent()
        ? Page.notModified(Traffic.ofNotModified())
        : source.fetch(request).withTraffic(Traffic.ofResponse(100, 700)).withValidator(etag);
    SyncEngine engine = SyncEngine.builder(counting, store).resource(orders).clock(clock).listener(metrics).build();

    long requests = engine.backfill(orders).traffic().requests();

    assertThat(requests).isEqualTo(4); // three full pages and the catch-up's
    assertThat(count("syncline.traffic.requests")).isEqualTo(requests);
    assertThat(registry.get("syncline.traffic.bytes").tag("stage", "wire").counter().count())
        .isEqualTo(100.0 * requests);
    assertThat(registry.get("syncline.traffic.bytes").tag("stage", "decoded").counter().count())
        .isEqualTo(700.0 * requests);

    clock.advance(Duration.ofMinutes(1));
    SyncResult poll = engine.incremental(orders);

    assertThat(poll.notModified()).isTrue();
    assertThat(count("syncline.traffic.requests")).isEqualTo(requests + 1);
    assertThat(count("syncline.traffic.not.modified")).isEqualTo(1);
    assertThat(registry.get("syncline.traffic.bytes").tag("stage", "wire").counter().count())
        .isEqualTo(100.0 * requests);
  }
}
