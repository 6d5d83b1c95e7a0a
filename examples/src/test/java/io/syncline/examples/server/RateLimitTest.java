package io.syncline.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  FieldServiceServer server = FieldServiceServer.builder().orders(50).equipments(5).technicians(3)
      .rateLimit(5).build().start();
  ApiClient api = new ApiClient(server);

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void requestsBeyondTheLimitGet429WithRetryAfter() {
    List<ApiClient.Response> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(api.get("/v1/orders?per_page=1"));
    }
    // At most 5 requests pass per one-second window, however slow the machine is.
    List<ApiClient.Response> refused = answers.stream().filter(r -> r.status() == 429).toList();
    long windows = answers.stream().map(r -> r.header("X-RateLimit-Reset")).distinct().count();
    long allowed = answers.stream().filter(r -> r.status() == 200).count();
    assertThat(allowed).isBetween(5L, 5 * windows);
    assertThat(refused).hasSize(20 - (int) allowed).isNotEmpty();
    assertThat(refused).allSatisfy(r -> {
      assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 2L);
      assertThat(r.header("X-RateLimit-Limit")).isEqualTo("5");
      assertThat(r.header("X-RateLimit-Remaining")).isEqualTo("0");
      assertThat(r.json().get("error").asText()).contains("rate limit");
    });
    assertThat(server.stats().rateLimited()).isEqualTo(refused.size());
  }

  @Test
  void remainingCountsDownAndResetIsTheWindowEnd() {
    ApiClient.Response first = api.get("/v1/orders?per_page=1");
    ApiClient.Response second = api.get("/v1/orders?per_page=1");
    int a = Integer.parseInt(first.header("X-RateLimit-Remaining"));
    int b = Integer.parseInt(second.header("X-RateLimit-Remaining"));
    long resetA = Long.parseLong(first.header("X-RateLimit-Reset"));
    long resetB = Long.parseLong(second.header("X-RateLimit-Reset"));
    // Either both in one window (b = a - 1) or a new window started in between.
    assertThat(resetB == resetA ? b == a - 1 : b == 4).isTrue();
    assertThat(resetA).isGreaterThan(Instant.now().getEpochSecond() - 2).isLessThanOrEqualTo(Instant.now().getEpochSecond() + 1);
  }

  @Test
  void waitingRetryAfterLetsTheClientIn() throws InterruptedException {
    ApiClient.Response refused = null;
    for (int i = 0; i < 20 && refused == null; i++) {
      ApiClient.Response r = api.get("/v1/orders?per_page=1");
      if (r.status() == 429) {
        refused = r;
      }
    }
    assertThat(refused).isNotNull();
    Thread.sleep(Long.parseLong(refused.header("Retry-After")) * 1000);
    assertThat(api.get("/v1/orders?per_page=1").status()).isEqualTo(200);
  }

  @Test
  void unauthorizedRequestsDoNotUseTheQuota() {
    for (int i = 0; i < 20; i++) {
      assertThat(api.getWithAuthorization("/v1/orders", "Bearer wrong").status()).isEqualTo(401);
    }
    assertThat(api.get("/v1/orders?per_page=1").status()).isEqualTo(200);
  }
}
