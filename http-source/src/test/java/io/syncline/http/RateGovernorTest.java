package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.spi.PageRequest;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One governor paces every resource of an API. */
class RateGovernorTest {
  private final MutableClock clock = MutableClock.standard();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
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
        .clock(clock).sleeper(sleeper)
        .endpoint("orders", Endpoint.builder("/v1/orders").build())
        .endpoint("equipments", Endpoint.builder("/v1/equipments").build())
        .build();
  }

  private static PageRequest page(String resource) {
    return new PageRequest(Resource.builder(resource).cursorField("updated_at").build(), SyncMode.BACKFILL,
        PageRequest.Order.ID, Optional.empty(), Optional.empty(), Optional.empty(), 1);
  }

  @Test
  void spentQuotaAnnouncedOnOneResourcePausesTheOtherUntilTheReset() {
    RateGovernor shared = RateGovernor.unlimited();
    HttpRecordSource a = source(shared, d -> {
      sleeps.add(d);
      clock.advance(d);
    });
    HttpRecordSource b = source(shared, d -> {
      sleeps.add(d);
      clock.advance(d);
    });
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
    HttpRecordSource source = source(RateGovernor.of(RateLimit.perSecond(10)), Sleeper.system());
    long start = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      source.fetch(page(i % 2 == 0 ? "orders" : "equipments"));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    assertThat(server.requests).hasSize(6);
  }

  @Test
  void governorDescribesItsRate() {
    assertThat(RateGovernor.of(RateLimit.perMinute(60)).toString()).contains("60 requests per PT1M");
  }
}
