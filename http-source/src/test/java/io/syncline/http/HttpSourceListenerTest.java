package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Responses, retries, quota waits and rate changes reach the listeners, against a real server. */
class HttpSourceListenerTest {
  private final Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(10).build();
  private final MutableClock clock = MutableClock.standard();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final List<HttpSourceEvent> events = new CopyOnWriteArrayList<>();
  private FieldServiceServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FieldServiceServer();
    for (long id = 1; id <= 3; id++) {
      server.putOrder(id, Instant.parse("2026-11-28T09:00:00.000Z").plusMillis(id), LocalDate.parse("2026-11-01"));
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Page fetchFirstPage(HttpSourceListener... listeners) {
    HttpRecordSource.Builder b = HttpRecordSource.builder(server.baseUrl())
        .bearerToken(FieldServiceServer.TOKEN)
        .clock(clock)
        .sleeper(sleeper)
        .rateLimit(RateLimit.perSecond(10))
        .retry(RetrySettings.builder().jitter(0).build())
        .endpoint("orders", Conventions.demoApi("/v1/orders").build());
    for (HttpSourceListener l : listeners) {
      b.listener(l);
    }
    return b.build().fetch(new PageRequest(orders, SyncMode.BACKFILL, PageRequest.Order.ID, Optional.empty(),
        Optional.empty(), Optional.empty(), 1));
  }

  @Test
  void aThrottleAndAServerErrorAreReportedAsResponsesRetriesAQuotaWaitAndARateCut() {
    server.enqueue(FieldServiceServer.status(429, Map.of("Retry-After", "2"), "{\"error\":\"slow down\"}"));
    server.enqueue(FieldServiceServer.status(503, Map.of(), "{\"error\":\"busy\"}"));

    Page page = fetchFirstPage(events::add);

    assertThat(page.records()).hasSize(3);
    assertThat(events).filteredOn(e -> e instanceof HttpSourceEvent.Response)
        .extracting(e -> ((HttpSourceEvent.Response) e).status()).containsExactly(429, 503, 200);
    assertThat(events).filteredOn(e -> e instanceof HttpSourceEvent.Response r && r.rateLimited()).hasSize(1);
    List<HttpSourceEvent.Retry> retries = events.stream().filter(e -> e instanceof HttpSourceEvent.Retry)
        .map(e -> (HttpSourceEvent.Retry) e).toList();
    assertThat(retries).extracting(HttpSourceEvent.Retry::attempt).containsExactly(1, 2);
    assertThat(retries).extracting(HttpSourceEvent.Retry::status).containsExactly(429, 503);
    assertThat(retries.get(0).delay()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(events).filteredOn(e -> e instanceof HttpSourceEvent.QuotaWait)
        .singleElement().satisfies(e -> assertThat(((HttpSourceEvent.QuotaWait) e).duration())
            .isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
    assertThat(events).filteredOn(e -> e instanceof HttpSourceEvent.RateChanged)
        .first().satisfies(e -> {
          HttpSourceEvent.RateChanged rc = (HttpSourceEvent.RateChanged) e;
          assertThat(rc.decreased()).isTrue();
          assertThat(rc.previousPerSecond()).isEqualTo(10.0);
          assertThat(rc.currentPerSecond()).isLessThan(10.0);
        });
    assertThat(events).allSatisfy(e -> assertThat(e.resource()).isEqualTo("orders"));
    assertThat(events.toString()).doesNotContain(FieldServiceServer.TOKEN);
  }

  @Test
  void aFailingListenerNeitherBreaksTheRequestNorSilencesTheOthers() {
    server.enqueue(FieldServiceServer.status(500, Map.of(), "{}"));

    Page page = fetchFirstPage(e -> {
      throw new IllegalStateException("listener bug");
    }, events::add);

    assertThat(page.records()).hasSize(3);
    assertThat(events).filteredOn(e -> e instanceof HttpSourceEvent.Retry).hasSize(1);
  }
}
