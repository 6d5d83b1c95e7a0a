package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.Resource;
import io.syncline.SyncException;
import io.syncline.SyncResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 6: a wait the server mandates is honoured as given plus at most a fixed margin,
 * never jittered, compared with the budget unpadded and reported exactly — with the default retry
 * settings (jitter 0.25, 15-minute budget), through the engine into a store.
 */
class QuotaWaitsTest {
  private final List<HttpSourceEvent> events = new CopyOnWriteArrayList<>();

  private VendorHarness harness() {
    VendorServer server = new VendorServer(Duration.ofMillis(1), true, VendorListings.demoKeyset());
    for (int id = 1; id <= 5; id++) {
      server.put(Integer.toString(id), server.now().minusSeconds(60 - id));
    }
    Resource items = Resource.builder("items").cursorField("updated_at").pageSize(10).build();
    return new VendorHarness(server, Conventions.demoApi("/items").build(), items, b -> b.listener(events::add));
  }

  private static void answer(VendorServer server, int status, Map<String, String> headers) {
    server.fault(ex -> {
      headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      byte[] body = "{\"message\":\"API rate limit exceeded\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      return true;
    });
  }

  private List<Duration> quotaWaits() {
    return events.stream().filter(e -> e instanceof HttpSourceEvent.QuotaWait)
        .map(e -> ((HttpSourceEvent.QuotaWait) e).duration()).toList();
  }

  @RepeatedTest(20)
  void aTenMinuteResetWithinTheDefaultBudgetIsWaitedExactlyAndTheRunSucceeds() {
    try (VendorHarness h = harness()) {
      long reset = h.server.clock.instant().getEpochSecond() + 600;
      answer(h.server, 429, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)));
      long before = h.server.clock.instant().getEpochSecond();

      SyncResult result = h.engine.incremental(h.resource);

      assertThat(result.failure()).isEmpty();
      h.assertStoreEqualsServer();
      Duration expected = Duration.ofSeconds(reset - before).plus(Duration.ofSeconds(1));
      assertThat(h.sleeper.sleeps()).filteredOn(d -> d.compareTo(Duration.ofSeconds(1)) > 0)
          .containsExactly(expected);
      assertThat(quotaWaits()).containsExactly(expected);
    }
  }

  @RepeatedTest(5)
  void aRetryAfterInSecondsIsWaitedAsGivenWithoutJitter() {
    try (VendorHarness h = harness()) {
      answer(h.server, 429, Map.of("Retry-After", "600"));

      SyncResult result = h.engine.incremental(h.resource);

      assertThat(result.failure()).isEmpty();
      h.assertStoreEqualsServer();
      assertThat(h.sleeper.sleeps()).filteredOn(d -> d.compareTo(Duration.ofSeconds(1)) > 0)
          .containsExactly(Duration.ofSeconds(600));
      assertThat(quotaWaits()).containsExactly(Duration.ofSeconds(600));
    }
  }

  @Test
  void aForbiddenThatSaysTheQuotaIsSpentIsARateLimitWithoutConfiguration() {
    try (VendorHarness h = harness()) {
      long reset = h.server.clock.instant().getEpochSecond() + 300;
      answer(h.server, 403, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)));

      SyncResult result = h.engine.incremental(h.resource);

      assertThat(result.failure()).isEmpty();
      h.assertStoreEqualsServer();
      assertThat(quotaWaits()).singleElement().isEqualTo(Duration.ofSeconds(301));
    }
  }

  @Test
  void aResetBeyondTheBudgetFailsAtOnceReportingTheWaitTheServerAsked() {
    try (VendorHarness h = harness()) {
      answer(h.server, 429, Map.of("Retry-After", "960"));

      assertThatThrownBy(() -> h.engine.incremental(h.resource)).isInstanceOf(SyncException.class)
          .hasMessageContaining("asks to wait 960000 ms,").hasMessageContaining("quota wait budget of PT15M");
      assertThat(h.sleeper.sleeps()).noneMatch(d -> d.compareTo(Duration.ofSeconds(1)) > 0);
      assertThat(h.store.all("items")).isEmpty();
    }
  }

  @Test
  void twoWaitsThatTogetherExceedTheBudgetFailOnTheSecondSayingWhatWasWaitedAlready() {
    try (VendorHarness h = harness()) {
      answer(h.server, 429, Map.of("Retry-After", "600"));
      answer(h.server, 429, Map.of("Retry-After", "400"));

      assertThatThrownBy(() -> h.engine.incremental(h.resource)).isInstanceOf(SyncException.class)
          .hasMessageContaining("asks to wait 400000 ms more (after 600000 ms waited already)");
      assertThat(quotaWaits()).containsExactly(Duration.ofSeconds(600));
    }
  }
}
