package io.syncline.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  FieldServiceServer server = FieldServiceServer.builder().orders(2_000).build().start();
  ApiClient api = new ApiClient(server);

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void failNextAnswersTransientErrorsThenRecovers() {
    server.faults().failNext(2, 503);
    ApiClient.Response first = api.get("/v1/orders");
    assertThat(first.status()).isEqualTo(503);
    assertThat(first.header("Retry-After")).isEqualTo("1");
    assertThat(first.header("X-RateLimit-Limit")).isNotNull();
    assertThat(api.get("/v1/orders").status()).isEqualTo(503);
    assertThat(api.get("/v1/orders").status()).isEqualTo(200);
    server.faults().failNext(1, 500);
    ApiClient.Response r = api.get("/v1/orders");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.header("Retry-After")).isNull();
    assertThat(server.stats().faults()).isEqualTo(3);
  }

  @Test
  void failNextRejectsStatusesThatAreNotTransient() {
    assertThatThrownBy(() -> server.faults().failNext(1, 404)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("500, 502, 503 or 504");
  }

  @Test
  void cutNextDropsTheConnectionMidBody() throws Exception {
    server.faults().cutNext(1);
    assertThatThrownBy(() -> api.sendRaw("/v1/orders?per_page=500")).isInstanceOf(IOException.class);
    assertThat(api.get("/v1/orders?per_page=500").data()).hasSize(500);
    assertThat(server.stats().faults()).isEqualTo(1);
  }

  @Test
  void delaySlowsEveryResponseUntilCleared() {
    server.faults().delay(Duration.ofMillis(300));
    long t0 = System.nanoTime();
    assertThat(api.get("/v1/orders?per_page=1").status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    server.faults().clear();
    assertThat(server.faults().delay()).isZero();
  }

  @Test
  void faultsDoNotApplyToUnauthorizedRequests() {
    server.faults().failNext(1, 503);
    assertThat(api.getWithAuthorization("/v1/orders", null).status()).isEqualTo(401);
    assertThat(api.get("/v1/orders").status()).isEqualTo(503);
  }
}
