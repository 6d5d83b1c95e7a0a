package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens that expire, tokens that are wrong, and responses too large for one page. */
class CredentialsTest {
  private final Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(10).build();
  private final MutableClock clock = MutableClock.standard();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final List<Duration> sleeps = sleeper.sleeps();
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

  private HttpRecordSource.Builder builder() {
    return HttpRecordSource.builder(server.baseUrl()).clock(clock).sleeper(sleeper).endpoint("orders", Conventions.demoApi("/v1/orders").build());
  }

  private PageRequest firstPage() {
    return new PageRequest(orders, SyncMode.BACKFILL, PageRequest.Order.ID, Optional.empty(), Optional.empty(),
        Optional.empty(), 1);
  }

  /** Hands out an expired token first, then the valid one: like a cache that refreshes on demand. */
  private static final class ExpiringTokens implements Supplier<String> {
    final AtomicInteger calls = new AtomicInteger();
    private final List<String> tokens;

    ExpiringTokens(String... tokens) {
      this.tokens = List.of(tokens);
    }

    @Override
    public String get() {
      int i = calls.getAndIncrement();
      return tokens.get(Math.min(i, tokens.size() - 1));
    }
  }

  @Test
  void expiredTokenFromASupplierIsRetriedOnceWithAFreshOne() {
    ExpiringTokens tokens = new ExpiringTokens("expired-token-1", FieldServiceServer.TOKEN);

    Page page = builder().bearerToken(tokens).build().fetch(firstPage());

    assertThat(page.records()).hasSize(5);
    assertThat(server.requests).extracting(FieldServiceServer.Seen::authorization)
        .containsExactly("Bearer expired-token-1", "Bearer " + FieldServiceServer.TOKEN);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void supplierWhoseFreshTokenIsRefusedTooFailsAfterExactlyOneRetry() {
    ExpiringTokens tokens = new ExpiringTokens("expired-token-1", "revoked-token-2");

    HttpSourceException e = catchThrowableOfType(() -> builder().bearerToken(tokens).build().fetch(firstPage()),
        HttpSourceException.class);

    assertThat(server.requests).hasSize(2);
    assertThat(e.status()).hasValue(401);
    assertThat(e.getMessage()).contains("also a freshly supplied token", "check the token supplier")
        .doesNotContain("expired-token-1", "revoked-token-2");
  }

  @Test
  void staticTokenRefusedFailsAtOnceAndPointsToSuppliers() {
    HttpSourceException e = catchThrowableOfType(
        () -> builder().bearerToken("static-wrong-token").build().fetch(firstPage()), HttpSourceException.class);

    assertThat(server.requests).hasSize(1);
    assertThat(e.status()).hasValue(401);
    assertThat(e.getMessage()).contains("check the token", "pass a supplier").doesNotContain("static-wrong-token");
  }

  @Test
  void everyRequestOfARunAsksTheSupplierSoARefreshedTokenIsUsedFromThenOn() {
    ExpiringTokens tokens = new ExpiringTokens(FieldServiceServer.TOKEN);
    HttpRecordSource source = builder().bearerToken(tokens).build();

    source.fetch(firstPage());
    source.fetch(firstPage());

    assertThat(tokens.calls.get()).isEqualTo(2);
  }

  @Test
  void failingSupplierFailsWithoutRetryAndWithoutItsMessage() {
    HttpRecordSource source = builder().bearerToken(() -> {
      throw new IllegalStateException("refresh failed for secret sk-live-999");
    }).build();

    HttpSourceException e = catchThrowableOfType(() -> source.fetch(firstPage()), HttpSourceException.class);

    assertThat(server.requests).isEmpty();
    assertThat(e.getMessage()).contains("token supplier failed", "IllegalStateException").doesNotContain("sk-live-999");
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain("sk-live-999");
    }
  }

  @Test
  void unauthorizedFromAnotherHostAfterARedirectIsNotRetried() throws Exception {
    try (FieldServiceServer other = new FieldServiceServer()) {
      // Another origin (other port): the token is not sent there, so a fresh one cannot help.
      server.enqueue(FieldServiceServer.redirect(other.baseUrl() + "/v1/orders"));
      ExpiringTokens tokens = new ExpiringTokens(FieldServiceServer.TOKEN);

      HttpSourceException e = catchThrowableOfType(() -> builder().bearerToken(tokens).build().fetch(firstPage()),
          HttpSourceException.class);

      assertThat(e.status()).hasValue(401);
      assertThat(other.requests).hasSize(1);
      assertThat(other.requests.get(0).authorization()).isNull();
    }
  }

  @Test
  void bodyEchoingARefreshedTokenIsScrubbed() {
    ExpiringTokens tokens = new ExpiringTokens("expired-token-1", FieldServiceServer.TOKEN);
    server.enqueue(FieldServiceServer.status(401, Map.of(), "{\"error\":\"expired: expired-token-1\"}"));
    server.enqueue(FieldServiceServer.status(400, Map.of(), "{\"error\":\"bad request for " + FieldServiceServer.TOKEN + "\"}"));

    HttpSourceException e = catchThrowableOfType(() -> builder().bearerToken(tokens).build().fetch(firstPage()),
        HttpSourceException.class);

    assertThat(e.status()).hasValue(400);
    assertThat(e.getMessage()).doesNotContain(FieldServiceServer.TOKEN).contains("***");
  }

  @Test
  void bodyLargerThanThePageLimitFailsWithoutRetryInsteadOfFillingMemory() {
    HttpRecordSource source = builder().bearerToken(FieldServiceServer.TOKEN).maxPageBytes(300).build();

    HttpSourceException e = catchThrowableOfType(() -> source.fetch(firstPage()), HttpSourceException.class);

    assertThat(server.requests).hasSize(1);
    assertThat(e.getMessage()).contains("larger than 300 bytes", "page size", "maxPageBytes");

    Page page = builder().bearerToken(FieldServiceServer.TOKEN).maxPageBytes(100_000).build().fetch(firstPage());
    assertThat(page.records()).hasSize(5);
  }
}
