package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.spi.PageRequest;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One governor paces every resource of an API, slows down when throttled and recovers after successes. */
class RateGovernorTest {
  private final MutableClock clock = MutableClock.standard();
  private final RecordingSleeper fakeSleeper = new RecordingSleeper(clock);
  private final List<Duration> sleeps = fakeSleeper.sleeps();
  private FieldServiceServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FieldServiceServer();
    server.putOrder(1, Instant.parse("2026-11-28T09:00:00.000Z"), LocalDate.parse("2026-11-01"));
    server.putEquipment(1, Instant.parse("2026-11-28T09:00:00.000Z"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpRecordSource source(RateGovernor governor, Sleeper sleeper) {
    return HttpRecordSource.builder(server.baseUrl()).bearerToken(FieldServiceServer.TOKEN).governor(governor)
        .clock(clock).sleeper(sleeper).retry(RetrySettings.builder().jitter(0).build())
        .endpoint("orders", Conventions.demoApi("/v1/orders").build())
        .endpoint("equipments", Conventions.demoApi("/v1/equipments").build())
        .build();
  }

  private static PageRequest page(String resource) {
    return new PageRequest(Resource.builder(resource).cursorField("updated_at").build(), SyncMode.BACKFILL,
        PageRequest.Order.ID, Optional.empty(), Optional.empty(), Optional.empty(), 1);
  }

  /** Answers 429 (without Retry-After) to a request that comes sooner than {@code gap} after the last one let through. */
  private final class Throttle implements FieldServiceServer.Fault {
    private final Duration gap;
    private Instant last;
    final AtomicInteger refused = new AtomicInteger();
    volatile boolean on = true;

    Throttle(Duration gap) {
      this.gap = gap;
    }

    @Override
    public synchronized boolean handle(com.sun.net.httpserver.HttpExchange ex) throws java.io.IOException {
      Instant now = clock.instant(); // the simulated time both sides share
      if (on && last != null && Duration.between(last, now).compareTo(gap) < 0) {
        refused.incrementAndGet();
        FieldServiceServer.send(ex, 429, "{\"error\":\"too many requests\"}");
        return true;
      }
      last = now;
      return false;
    }
  }

  @Test
  void spentQuotaAnnouncedOnOneResourcePausesTheOtherUntilTheReset() {
    RateGovernor shared = RateGovernor.unlimited();
    HttpRecordSource a = source(shared, fakeSleeper);
    HttpRecordSource b = source(shared, fakeSleeper);
    long reset = clock.instant().getEpochSecond() + 30;
    server.enqueue(ex -> {
      ex.getResponseHeaders().add("X-RateLimit-Remaining", "0");
      ex.getResponseHeaders().add("X-RateLimit-Reset", Long.toString(reset));
      FieldServiceServer.send(ex, 200, "{\"data\":[],\"meta\":{\"has_more\":false,\"total\":0}}");
      return true;
    });

    a.fetch(page("orders"));
    assertThat(sleeps).isEmpty();
    b.fetch(page("equipments"));

    assertThat(sleeps).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void clientSideRateSpacesRequestsEvenly() {
    HttpRecordSource source = source(RateGovernor.of(RateLimit.perSecond(10)), fakeSleeper);
    for (int i = 0; i < 6; i++) {
      source.fetch(page(i % 2 == 0 ? "orders" : "equipments"));
    }
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100),
        Duration.ofMillis(100), Duration.ofMillis(100));
    assertThat(server.requests).hasSize(6);
  }

  @Test
  void serverThatRefusesFasterThanItsRateSlowsTheGovernorDownThenSuccessesRecoverIt() {
    Throttle throttle = new Throttle(Duration.ofMillis(250)); // the server allows 4 requests per second
    server.intercept(throttle);
    RateGovernor governor = RateGovernor.of(RateLimit.perSecond(10));
    HttpRecordSource orders = source(governor, fakeSleeper);
    HttpRecordSource equipments = source(governor, fakeSleeper);

    List<Double> rates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      (i % 2 == 0 ? orders : equipments).fetch(page(i % 2 == 0 ? "orders" : "equipments"));
      rates.add(governor.currentRate().orElseThrow());
    }

    // 10/s, refused at 100 ms; 5/s, refused at 200 ms; 2.5/s passes, then it creeps up again.
    assertThat(rates.get(0)).isEqualTo(10.0);
    assertThat(rates.get(1)).isEqualTo(2.5);
    assertThat(rates).allSatisfy(r -> assertThat(r).isBetween(1.0, 10.0));
    assertThat(rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isGreaterThan(4.0);
    assertThat(throttle.refused.get()).as("429s while adaptive").isLessThanOrEqualTo(6);

    throttle.on = false; // the server relaxes: successes bring the rate back to the configured one
    rates.clear();
    for (int i = 0; i < 100; i++) {
      orders.fetch(page("orders"));
      rates.add(governor.currentRate().orElseThrow());
    }
    assertThat(rates).isSorted();
    assertThat(governor.currentRate()).hasValue(10.0);
    assertThat(sleeps.subList(sleeps.size() - 5, sleeps.size())).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMillis(100)));
  }

  @Test
  void aFixedRateKeepsHittingTheServersLimitWhereTheAdaptiveOneLearnsIt() {
    Throttle throttle = new Throttle(Duration.ofMillis(250));
    server.intercept(throttle);
    RateGovernor fixed = RateGovernor.builder(RateLimit.perSecond(10)).fixedRate().build();
    HttpRecordSource source = source(fixed, fakeSleeper);

    for (int i = 0; i < 40; i++) {
      source.fetch(page("orders"));
    }

    assertThat(fixed.adaptive()).isFalse();
    assertThat(fixed.currentRate()).hasValue(10.0);
    assertThat(throttle.refused.get()).isGreaterThan(30);
  }

  @Test
  void aThrottleOnOneResourceSlowsThePaceOfEveryResourceSharingTheGovernor() {
    RateGovernor shared = RateGovernor.of(RateLimit.perSecond(10));
    HttpRecordSource a = source(shared, fakeSleeper);
    HttpRecordSource b = source(shared, fakeSleeper);
    server.enqueue(FieldServiceServer.status(429, Map.of(), "{\"error\":\"slow down\"}"));

    a.fetch(page("orders")); // 429 at t=0, backoff 100 ms, retried at t=100 ms, now 5/s
    sleeps.clear();
    b.fetch(page("equipments"));
    b.fetch(page("equipments"));

    assertThat(shared.currentRate()).hasValue(5.0);
    assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(200));
  }

  @Test
  void serviceUnavailableWithRetryAfterAndASpentQuotaAreThrottlesButAPlain5xxIsNot() {
    RateGovernor governor = RateGovernor.of(RateLimit.perSecond(8));
    HttpRecordSource source = source(governor, fakeSleeper);

    server.enqueue(FieldServiceServer.status(500, Map.of(), "oops"));
    source.fetch(page("orders"));
    assertThat(governor.currentRate()).hasValue(8.0);

    server.enqueue(FieldServiceServer.status(503, Map.of("Retry-After", "1"), "busy"));
    source.fetch(page("orders"));
    assertThat(governor.currentRate()).hasValue(4.0);

    server.enqueue(FieldServiceServer.status(200, Map.of("X-RateLimit-Remaining", "0",
        "X-RateLimit-Reset", "2"), "{\"data\":[],\"meta\":{\"has_more\":false}}"));
    source.fetch(page("orders"));
    assertThat(governor.currentRate()).hasValue(2.0);
  }

  @Test
  void theRateNeverDropsBelowTheMinimumAndRecoversInConfiguredSteps() {
    RateGovernor governor = RateGovernor.builder(RateLimit.perSecond(10)).minimumRate(RateLimit.perSecond(3))
        .decreaseFactor(0.5).recovery(2, 0.25).build();
    HttpRecordSource source = source(governor, fakeSleeper);
    for (int i = 0; i < 4; i++) {
      server.enqueue(FieldServiceServer.status(429, Map.of(), ""));
    }

    source.fetch(page("orders")); // four 429s in a row: 5, then the floor of 3
    assertThat(governor.currentRate()).hasValue(3.0);

    source.fetch(page("orders")); // 2 successes in a row (with the first fetch's): +2.5/s
    assertThat(governor.currentRate()).hasValue(5.5);
    source.fetch(page("orders"));
    source.fetch(page("orders"));
    assertThat(governor.currentRate()).hasValue(8.0);
    source.fetch(page("orders"));
    source.fetch(page("orders"));
    assertThat(governor.currentRate()).hasValue(10.0);
  }

  @Test
  void governorsWithoutARateOrWithBadSettingsSaySo() {
    assertThat(RateGovernor.unlimited().currentRate()).isEmpty();
    assertThat(RateGovernor.unlimited().adaptive()).isFalse();
    assertThat(RateGovernor.of(RateLimit.perMinute(60)).toString()).contains("60 requests per PT1M", "adaptive");
    assertThat(RateGovernor.of(RateLimit.perMinute(60)).currentRate().orElseThrow()).isCloseTo(1.0, within(1e-9));
    assertThatThrownBy(() -> RateGovernor.builder(RateLimit.perSecond(2)).minimumRate(RateLimit.perSecond(3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above the configured rate");
    assertThatThrownBy(() -> RateGovernor.builder(RateLimit.perSecond(2)).decreaseFactor(1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentFetchesOfSeveralResourcesStillGetDistinctSlots() throws Exception {
    // The engine fetches the next page on another thread while it writes: the real clock, real threads.
    RateGovernor governor = RateGovernor.of(RateLimit.perSecond(50));
    HttpRecordSource source = HttpRecordSource.builder(server.baseUrl()).bearerToken(FieldServiceServer.TOKEN)
        .governor(governor)
        .endpoint("orders", Conventions.demoApi("/v1/orders").build())
        .endpoint("equipments", Conventions.demoApi("/v1/equipments").build())
        .build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String resource = t % 2 == 0 ? "orders" : "equipments";
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 5; i++) {
            assertThat(source.fetch(page(resource)).records()).hasSize(1);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.SECONDS);
      }
      // 20 requests at 50/s: the first is immediate, the other 19 each 20 ms after the one before.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(19 * 20 - 5));
      assertThat(server.requests).hasSize(20);
    } finally {
      pool.shutdownNow();
    }
  }
}
