package io.syncline.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.SyncEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application with the starter, H2 and Actuator: the scheduled sync fills H2 from a
 * loopback API, and {@code /actuator/health}, {@code /actuator/metrics} and {@code /actuator/info}
 * report it over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:scheduled;DB_CLOSE_DELAY=-1",
    "syncline.api.auth.token-env=ITEMS_TOKEN",
    "ITEMS_TOKEN=items-token",
    "syncline.api.rate-limit.requests=100",
    "syncline.resources.items.path=/v1/items",
    "syncline.resources.items.timestamp-field=updated_at",
    "syncline.resources.items.page-size=40",
    "syncline.resources.items.ttl=1h",
    "syncline.schedule.enabled=true",
    "syncline.schedule.initial-delay=0s",
    "syncline.schedule.interval=1h",
    "management.endpoints.web.exposure.include=health,metrics,info",
    "management.endpoint.health.show-details=always"})
class ScheduledSyncApplicationTest {
  private static final int ITEMS = 230;
  private static final LoopbackApi API = start();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @SpringBootApplication
  static class App {}

  @LocalServerPort
  int port;

  @Autowired
  SynclineScheduler scheduler;

  @Autowired
  SyncEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  private static LoopbackApi start() {
    try {
      return new LoopbackApi("items", ITEMS, "items-token");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void api(DynamicPropertyRegistry registry) {
    registry.add("syncline.api.base-url", () -> API.baseUrl().toString());
  }

  @AfterAll
  static void stop() {
    API.close();
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 404) {
      String names = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/metrics"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(r.statusCode()).as(path + " not found; metrics: " + names).isEqualTo(200);
    }
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private void awaitFirstRound() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (scheduler.rounds() < 1 && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(scheduler.rounds()).as("the scheduled syncAll ran").isGreaterThanOrEqualTo(1);
  }

  @Test
  void theScheduledSyncFillsTheDatabaseAndActuatorReportsItOverHttp() throws Exception {
    awaitFirstRound();

    assertThat(scheduler.lastRound()).singleElement().satisfies(r -> assertThat(r.inserted()).isEqualTo(ITEMS));
    assertThat(jdbc.queryForObject("select count(*) from sync_record where resource = 'items'", Long.class))
        .isEqualTo(ITEMS);

    JsonNode health = get("/actuator/health");
    assertThat(health.path("status").asText()).isEqualTo("UP");
    JsonNode items = health.path("components").path("syncline").path("details").path("resources").path("items");
    assertThat(items.path("state").asText()).isEqualTo("fresh");
    assertThat(items.path("records").asLong()).isEqualTo(ITEMS);
    assertThat(items.has("age")).isTrue();

    JsonNode inserted = get("/actuator/metrics/syncline.records.inserted?tag=resource:items");
    assertThat(inserted.path("measurements").get(0).path("value").asDouble()).isEqualTo(ITEMS);
    JsonNode requests = get("/actuator/metrics/syncline.http.requests?tag=status:200");
    assertThat(requests.path("measurements").get(0).path("value").asDouble()).isEqualTo(API.requests());
    JsonNode runs = get("/actuator/metrics/syncline.sync.runs?tag=outcome:success");
    assertThat(runs.path("measurements").get(0).path("value").asDouble()).isEqualTo(1);
    JsonNode age = get("/actuator/metrics/syncline.data.age?tag=resource:items");
    assertThat(age.path("measurements").get(0).path("value").asDouble()).isBetween(0.0, 60.0);
    JsonNode writes = get("/actuator/metrics/syncline.page.writes");
    assertThat(writes.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(6);

    JsonNode info = get("/actuator/info");
    assertThat(info.path("syncline").path("resources").path("items").path("path").asText()).isEqualTo("/v1/items");
    assertThat(info.toString()).doesNotContain("items-token");
  }
}
