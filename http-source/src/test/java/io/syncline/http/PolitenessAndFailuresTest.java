package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.syncline.InvalidRecordException;
import io.syncline.Resource;
import io.syncline.SyncMode;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, rate-limit signals, timeouts, bad bodies, errors and secrets, against a real server. */
class PolitenessAndFailuresTest {
  private final Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(10).build();
  private final MutableClock clock = MutableClock.standard();
  private final RecordingSleeper fakeSleeper = new RecordingSleeper(clock);
  private final List<Duration> sleeps = fakeSleeper.sleeps();
  private FieldServiceServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FieldServiceServer();
    for (long id = 1; id <= 5; id++) {
      server.putOrder(id, Instant.parse("2026-11-28T09:00:00.000Z").plusMillis(id), LocalDate.parse("2026-11-01"));
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpRecordSource.Builder sourceBuilder(RetrySettings retry) {
    return HttpRecordSource.builder(server.baseUrl())
        .bearerToken(FieldServiceServer.TOKEN)
        .clock(clock)
        .sleeper(fakeSleeper)
        .retry(retry)
        .endpoint("orders", Conventions.demoApi("/v1/orders").build());
  }

  private HttpRecordSource source() {
    return sourceBuilder(RetrySettings.builder().jitter(0).build()).build();
  }

  private PageRequest firstPage(Resource r) {
    return new PageRequest(r, SyncMode.BACKFILL, PageRequest.Order.ID, Optional.empty(), Optional.empty(),
        Optional.empty(), 1);
  }

  private static String httpDate(Instant at) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC));
  }

  @Test
  void retryAfterInFractionalSecondsIsWaitedBeforeRetrying() {
    server.enqueue(FieldServiceServer.status(429, Map.of("Retry-After", "2.0"), "{\"error\":\"slow down\"}"));

    Page page = source().fetch(firstPage(orders));

    assertThat(page.records()).hasSize(5);
    assertThat(server.requests).hasSize(2);
    assertThat(sleeps).anySatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
  }

  @Test
  void retryAfterAsHttpDateIsWaitedUntilThatDate() {
    server.enqueue(FieldServiceServer.status(429, Map.of("Retry-After", httpDate(clock.instant().plusSeconds(7))), ""));

    source().fetch(firstPage(orders));

    Duration waited = sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(waited).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(8));
    assertThat(server.requests).hasSize(2);
  }

  @Test
  void retryAfterZeroBacksOffInsteadOfBurningEveryAttempt() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(FieldServiceServer.status(429, Map.of("Retry-After", "0"), ""));
    }

    Page page = sourceBuilder(RetrySettings.builder().maxAttempts(3).jitter(0).build()).build().fetch(firstPage(orders));

    assertThat(page.records()).hasSize(5);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
        Duration.ofMillis(800), Duration.ofMillis(1600));
  }

  @Test
  void burstOf5xxIsRetriedWithExponentialBackoffThenSucceeds() {
    server.enqueue(FieldServiceServer.status(503, Map.of(), "{\"error\":\"busy\"}"));
    server.enqueue(FieldServiceServer.status(502, Map.of(), "bad gateway"));
    server.enqueue(FieldServiceServer.status(500, Map.of(), "{\"error\":\"oops\"}"));

    Page page = source().fetch(firstPage(orders));

    assertThat(page.records()).extracting(r -> r.id()).containsExactly("1", "2", "3", "4", "5");
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void backoffIsCappedAndJitterStaysWithinItsFraction() {
    for (int i = 0; i < 8; i++) {
      server.enqueue(FieldServiceServer.status(503, Map.of(), ""));
    }
    RetrySettings retry = RetrySettings.builder().maxAttempts(9)
        .backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(10)).jitter(0.25).build();

    sourceBuilder(retry).build().fetch(firstPage(orders));

    double[] expected = {1, 2, 4, 8, 10, 10, 10, 10};
    assertThat(sleeps).hasSize(8);
    for (int i = 0; i < 8; i++) {
      assertThat(sleeps.get(i).toMillis() / 1000.0).isBetween(expected[i] * 0.75 - 0.001, expected[i] * 1.25 + 0.001);
    }
  }

  @Test
  void persistent5xxGivesUpAfterMaxAttemptsNamingResourceUrlAndStatus() {
    for (int i = 0; i < 10; i++) {
      server.enqueue(FieldServiceServer.status(500, Map.of(), "{\"error\":\"database down\"}"));
    }

    HttpSourceException e = catchThrowableOfType(() -> source().fetch(firstPage(orders)), HttpSourceException.class);

    assertThat(server.requests).hasSize(6);
    assertThat(e.status()).hasValue(500);
    assertThat(e.getMessage()).contains("'orders'", "gave up after 6 attempts", "/v1/orders?", "database down")
        .doesNotContain(FieldServiceServer.TOKEN);
  }

  @Test
  void quotaResetBeyondTheBudgetFailsAtOnceSayingWhenToRetry() {
    server.enqueue(FieldServiceServer.status(429, Map.of("Retry-After", "3600"), ""));

    assertThatThrownBy(() -> source().fetch(firstPage(orders)))
        .isInstanceOf(HttpSourceException.class)
        .hasMessageContaining("quota wait budget").hasMessageContaining("RetrySettings.quotaWaitBudget");
    assertThat(server.requests).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void quotaResetWithinTheBudgetIsWaitedForEvenPastTheAttemptCount() {
    long reset = clock.instant().getEpochSecond() + 600;
    for (int i = 0; i < 4; i++) {
      server.enqueue(FieldServiceServer.status(429, Map.of("X-RateLimit-Remaining", "0",
          "X-RateLimit-Reset", Long.toString(reset)), ""));
    }

    Page page = sourceBuilder(RetrySettings.builder().maxAttempts(2).jitter(0).build()).build().fetch(firstPage(orders));

    assertThat(page.records()).hasSize(5);
    // An epoch reset is an instant on the server's clock: waited as given plus the fixed margin.
    assertThat(sleeps.get(0)).isEqualTo(Duration.ofSeconds(600).plus(
        io.syncline.http.internal.RetryLoop.ABSOLUTE_WAIT_MARGIN));
    assertThat(clock.instant()).isAfterOrEqualTo(Instant.ofEpochSecond(reset));
  }

  @Test
  void forbiddenIsARateLimitOnlyWhenConfigured() {
    server.enqueue(FieldServiceServer.status(403, Map.of("Retry-After", "1"), "{\"error\":\"rate limited\"}"));
    assertThatThrownBy(() -> source().fetch(firstPage(orders))).isInstanceOf(HttpSourceException.class)
        .hasMessageContaining("403").hasMessageContaining("forbiddenMeansRateLimited");

    server.enqueue(FieldServiceServer.status(403, Map.of("Retry-After", "1"), "{\"error\":\"rate limited\"}"));
    Page page = sourceBuilder(RetrySettings.builder().forbiddenMeansRateLimited(true).jitter(0).build()).build()
        .fetch(firstPage(orders));
    assertThat(page.records()).hasSize(5);
    assertThat(sleeps).contains(Duration.ofSeconds(1));
  }

  @Test
  void unauthorizedFailsWithoutRetryAndWithoutTheToken() {
    HttpRecordSource wrong = HttpRecordSource.builder(server.baseUrl()).bearerToken("wrong-token-123")
        .sleeper(fakeSleeper).endpoint("orders", Conventions.demoApi("/v1/orders").build()).build();

    HttpSourceException e = catchThrowableOfType(() -> wrong.fetch(firstPage(orders)), HttpSourceException.class);

    assertThat(server.requests).hasSize(1);
    assertThat(sleeps).isEmpty();
    assertThat(e.status()).hasValue(401);
    assertThat(e.getMessage()).contains("'orders'", "401", "unauthorized", "check the token", e.url())
        .doesNotContain("wrong-token-123");
    assertThat(e.url()).startsWith(server.baseUrl() + "/v1/orders?");
  }

  @Test
  void badRequestFailsWithoutRetryQuotingTheServer() {
    Resource techniciansMisconfigured = Resource.builder("technicians").cursorField("updated_at").build();
    HttpRecordSource source = sourceBuilder(RetrySettings.ofDefaults())
        .endpoint("technicians", Conventions.demoApi("/v1/technicians").build()).build();
    PageRequest incremental = new PageRequest(techniciansMisconfigured, SyncMode.INCREMENTAL,
        PageRequest.Order.UPDATED_AT_THEN_ID, Optional.of(io.syncline.Cursor.Timestamped.atOrAfter(clock.instant())),
        Optional.empty(), Optional.empty(), 1);

    HttpSourceException e = catchThrowableOfType(() -> source.fetch(incremental), HttpSourceException.class);

    assertThat(server.requests).hasSize(1);
    assertThat(e.status()).hasValue(400);
    assertThat(e.getMessage()).contains("'technicians'", "not supported for technicians", "updated_since=");
  }

  @Test
  void bodyCutMidStreamIsRetriedAndNeverReturnedAsAPage() {
    server.enqueue(FieldServiceServer.cutBody());
    server.enqueue(FieldServiceServer.truncatedJson());

    Page page = source().fetch(firstPage(orders));

    assertThat(server.requests).hasSize(3);
    assertThat(page.records()).extracting(r -> r.id()).containsExactly("1", "2", "3", "4", "5");
  }

  @Test
  void malformedJsonIsRetriedAsTransientThenFailsAsInvalidInputNamingWhereItBroke() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(FieldServiceServer.malformedJson());
    }

    InvalidRecordException e = catchThrowableOfType(() -> source().fetch(firstPage(orders)), InvalidRecordException.class);

    assertThat(server.requests).hasSize(6);
    assertThat(e.field()).isEqualTo("body");
    assertThat(e.page()).hasValue(1);
    assertThat(e.getMessage()).contains("'orders'", "unusable on all 6 attempts", "malformed JSON at line 1",
        "byte offset", "not stored");
  }

  @Test
  void oneMalformedBodyIsRetriedAndThePageIsRead() {
    server.enqueue(FieldServiceServer.malformedJson());

    Page page = source().fetch(firstPage(orders));

    assertThat(server.requests).hasSize(2);
    assertThat(page.records()).hasSize(5);
  }

  @Test
  void recordWithoutIdOrWithABadTimestampFailsNamingTheField() {
    server.enqueue(FieldServiceServer.status(200, Map.of(), "{\"data\":[{\"id\":1,\"updated_at\":\"2026-11-28T09:00:00.000Z\"},"
        + "{\"number\":\"OS-2\",\"updated_at\":\"2026-11-28T09:00:00.000Z\"}],\"meta\":{\"has_more\":false}}"));
    InvalidRecordException noId = catchThrowableOfType(() -> source().fetch(firstPage(orders)), InvalidRecordException.class);
    assertThat(noId.field()).isEqualTo("id");

    server.enqueue(FieldServiceServer.status(200, Map.of(), "{\"data\":[{\"id\":7,\"updated_at\":\"yesterday\"}],\"meta\":{}}"));
    InvalidRecordException badTs = catchThrowableOfType(() -> source().fetch(firstPage(orders)), InvalidRecordException.class);
    assertThat(badTs.field()).isEqualTo("updated_at");
    assertThat(badTs.recordId()).hasValue("7");
  }

  @Test
  void aRecordWithoutItsTimestampIsHandedOverForTheEngineToReject() {
    // The engine checks timestamps once, for every source (SyncEngineScenarios: the page fails
    // naming resource, page, field and id); the source hands the record over as it came.
    server.enqueue(FieldServiceServer.status(200, Map.of(), "{\"data\":[{\"id\":7,\"updated_at\":null},{\"id\":8}],"
        + "\"meta\":{\"has_more\":false}}"));

    Page page = source().fetch(firstPage(orders));

    assertThat(page.records()).extracting(r -> r.id()).containsExactly("7", "8");
    assertThat(page.records()).allSatisfy(r -> assertThat(r.updatedAt()).isEmpty());
  }

  @Test
  void slowServerHitsTheRequestTimeoutAndIsRetried() {
    timesOutThenSucceedsOnRetry(() -> FieldServiceServer.slow(Duration.ofSeconds(3)), Duration.ofMillis(300),
        Duration.ofSeconds(2));
  }

  @Test
  void bodyThatStallsAfterTheHeadersHitsTheRequestTimeoutAndIsRetried() {
    // The client's own timeout ends when the headers arrive; the source bounds the body too.
    timesOutThenSucceedsOnRetry(() -> FieldServiceServer.stallsMidBody(Duration.ofSeconds(5)), Duration.ofMillis(400),
        Duration.ofSeconds(3));
  }

  /**
   * One late answer, then a normal one: the fetch times out, backs off once and gets the page well
   * before the late answer would have ended; without retries the same late answer fails the fetch.
   */
  private void timesOutThenSucceedsOnRetry(java.util.function.Supplier<FieldServiceServer.Fault> late,
      Duration requestTimeout, Duration within) {
    server.enqueue(late.get());
    HttpRecordSource source = sourceBuilder(RetrySettings.builder().jitter(0).build())
        .requestTimeout(requestTimeout).build();

    long start = System.nanoTime();
    Page page = source.fetch(firstPage(orders));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(within);
    assertThat(page.records()).hasSize(5);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));

    server.enqueue(late.get());
    HttpRecordSource once = sourceBuilder(RetrySettings.builder().maxAttempts(1).build())
        .requestTimeout(requestTimeout).build();
    assertThatThrownBy(() -> once.fetch(firstPage(orders))).isInstanceOf(HttpSourceException.class)
        .hasMessageContaining("timed out");
  }

  @Test
  void redirectToAnotherHostDropsTheTokenWhileSameHostKeepsIt() throws Exception {
    String otherHost = canBind("127.0.0.2") ? "127.0.0.2" : "localhost";
    try (FieldServiceServer other = new FieldServiceServer(otherHost.equals("localhost") ? "127.0.0.1" : otherHost)) {
      String target = "http://" + otherHost + ":" + other.baseUrl().getPort() + "/v1/orders";
      server.enqueue(FieldServiceServer.redirect(target));

      HttpSourceException e = catchThrowableOfType(() -> source().fetch(firstPage(orders)), HttpSourceException.class);

      assertThat(other.requests).hasSize(1);
      assertThat(other.requests.get(0).authorization()).isNull();
      assertThat(e.status()).hasValue(401);
    }
    server.requests.clear();
    server.enqueue(FieldServiceServer.redirect("/v1/orders?per_page=2"));
    Page page = source().fetch(firstPage(orders));
    assertThat(page.records()).hasSize(2);
    assertThat(server.requests).hasSize(2).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer " + FieldServiceServer.TOKEN));
  }

  @Test
  void noContentIsAnEmptyLastPage() {
    server.enqueue(ex -> {
      ex.sendResponseHeaders(204, -1);
      return true;
    });

    Page page = source().fetch(firstPage(orders));

    assertThat(page.records()).isEmpty();
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void tokenNeverAppearsInToStringOrInErrorsEvenWhenTheBodyEchoesIt() {
    HttpRecordSource source = source();
    assertThat(source.toString()).doesNotContain(FieldServiceServer.TOKEN).contains("bearer ***");

    server.enqueue(FieldServiceServer.status(400, Map.of(), "{\"error\":\"bad token " + FieldServiceServer.TOKEN + "\"}"));
    HttpSourceException e = catchThrowableOfType(() -> source.fetch(firstPage(orders)), HttpSourceException.class);
    assertThat(e.getMessage()).doesNotContain(FieldServiceServer.TOKEN).contains("***");
  }

  @Test
  void pageReportsTotalAndTheServersDate() {
    Page page = source().fetch(firstPage(orders.toBuilder().pageSize(2).build()));

    assertThat(page.total()).hasValue(5);
    assertThat(page.hasMore()).isTrue();
    assertThat(page.sourceTime()).isPresent();
    assertThat(server.requests.get(0).query()).containsEntry("per_page", "2").containsEntry("sort", "id");
  }

  @Test
  void pageSizeIsClampedToTheApiMaximum() {
    source().fetch(firstPage(orders.toBuilder().pageSize(2000).build()));

    assertThat(server.requests.get(0).query()).containsEntry("per_page", "500");
  }

  private static boolean canBind(String address) {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
