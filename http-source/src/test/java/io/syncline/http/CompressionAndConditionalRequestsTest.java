package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import io.syncline.Cursor;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncMode;
import io.syncline.SyncResult;
import io.syncline.SyncState;
import io.syncline.SynclineVersion;
import io.syncline.Traffic;
import io.syncline.Validator;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.InMemoryRecordStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compressed bodies, conditional requests and traffic counts, against a loopback server that
 * follows the contract's "Compression and conditional requests" (gzip on Accept-Encoding, a strong
 * ETag on every listing, 304 on a matching If-None-Match).
 */
class CompressionAndConditionalRequestsTest {
  private final Resource orders = Resource.builder("orders").cursorField("updated_at").pageSize(10).build();
  private final Resource technicians = Resource.builder("technicians").pageSize(10).build();
  private FieldServiceServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FieldServiceServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpRecordSource.Builder builder() {
    return HttpRecordSource.builder(server.baseUrl())
        .bearerToken(FieldServiceServer.TOKEN)
        .clock(server.clock)
        .retry(RetrySettings.builder().maxAttempts(3).backoff(Duration.ofMillis(1), 2, Duration.ofMillis(4))
            .jitter(0).build())
        .endpoint("orders", Conventions.demoApi("/v1/orders").dateRange("created_from", "created_to").build())
        .endpoint("technicians", Conventions.demoApi("/v1/technicians").noTimestampFilter().build());
  }

  private SyncEngine engine(HttpRecordSource source, InMemoryRecordStore store) {
    return SyncEngine.builder(source, store).resources(List.of(orders, technicians)).clock(server.clock).build();
  }

  private void putOrders(int n) {
    Instant t0 = server.now().minus(Duration.ofHours(2));
    for (long id = 1; id <= n; id++) {
      server.putOrder(id, t0.plusMillis(id * 7 / 3), LocalDate.parse("2026-11-01").plusDays(id % 9));
    }
  }

  private static Map<String, String> payloads(InMemoryRecordStore store, String resource) {
    Map<String, String> m = new TreeMap<>();
    for (StoredRecord r : store.all(resource)) {
      m.put(r.id(), r.json());
    }
    return m;
  }

  // ------------------------------------------------------------------ compression

  @Test
  void gzipAndIdentityBodiesGiveIdenticalStoredPayloads() {
    putOrders(47);
    InMemoryRecordStore gzipStore = new InMemoryRecordStore();
    InMemoryRecordStore plainStore = new InMemoryRecordStore();

    SyncResult gz = engine(builder().build(), gzipStore).backfill(orders);
    SyncResult plain = engine(builder().compression(false).build(), plainStore).backfill(orders);

    assertThat(payloads(gzipStore, "orders")).hasSize(47).isEqualTo(payloads(plainStore, "orders"));
    assertThat(server.requests).filteredOn(s -> "gzip, deflate".equals(s.header("Accept-Encoding"))).isNotEmpty();
    assertThat(server.requests).filteredOn(s -> "identity".equals(s.header("Accept-Encoding"))).isNotEmpty();
    // Both decoded the same listings; gzip moved far fewer bytes.
    assertThat(gz.traffic().decodedBytes()).isEqualTo(plain.traffic().decodedBytes());
    assertThat(plain.traffic().wireBytes()).isEqualTo(plain.traffic().decodedBytes());
    assertThat(gz.traffic().wireBytes()).isLessThan(plain.traffic().wireBytes() / 3);
    assertThat(gz.traffic().requests()).isEqualTo(plain.traffic().requests()).isEqualTo(gz.pages());
    long served = server.answers.stream().mapToLong(a -> a[1]).sum();
    assertThat(gz.traffic().wireBytes() + plain.traffic().wireBytes()).isEqualTo(served);
  }

  @Test
  void recordsSlicedFromADecodedStreamAreExactlyTheRecordsSentWhateverTheirSize() throws Exception {
    StringBuilder body = new StringBuilder("{\"meta\":{\"note\":\"" + "m".repeat(40_000) + "\"},\"data\":[");
    List<String> sent = new java.util.ArrayList<>();
    java.util.Random random = new java.util.Random(15);
    for (int i = 1; i <= 300; i++) {
      String rec = "{\"id\":" + i + ",\"name\":\"" + "ação ✓ 日本 ".repeat(random.nextInt(i % 50 == 0 ? 3000 : 40))
          + "\",\"n\":1.50e2, \"nested\":{\"a\":[1,2,{\"b\":null}]}}";
      sent.add(rec);
      body.append(i > 1 ? " ,\n " : "").append(rec);
    }
    body.append("]}");
    byte[] plain = body.toString().getBytes(StandardCharsets.UTF_8);
    for (boolean gzip : new boolean[] {false, true}) {
      try (LoopbackServer api = LoopbackServer.start("/", ex -> {
        byte[] wire = gzip ? FieldServiceServer.gzip(plain) : plain;
        if (gzip) {
          ex.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        ex.sendResponseHeaders(200, wire.length);
        try (OutputStream os = ex.getResponseBody()) {
          os.write(wire);
        }
      })) {
        HttpRecordSource source = HttpRecordSource.builder(api.base())
            .endpoint("technicians", Conventions.demoApi("/v1/technicians").noTimestampFilter().build()).build();
        Page page = source.fetch(backfillPage(technicians));
        assertThat(page.records()).extracting(r -> r.json()).containsExactlyElementsOf(sent);
        assertThat(page.traffic().decodedBytes()).isEqualTo(plain.length);
        assertThat(page.traffic().wireBytes()).isEqualTo(gzip ? FieldServiceServer.gzip(plain).length : plain.length);
      }
    }
  }

  @Test
  void progressEventsCarryEachPagesTrafficAndTheRunsTotalSoFar() {
    putOrders(35);
    List<io.syncline.Progress> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    InMemoryRecordStore store = new InMemoryRecordStore();
    SyncEngine engine = SyncEngine.builder(builder().build(), store).resource(orders).clock(server.clock)
        .listener(e -> {
          if (e instanceof io.syncline.SyncEvent.PageCommitted pc) {
            events.add(pc.progress());
          }
        }).build();

    SyncResult r = engine.backfill(orders);

    assertThat(events).hasSize((int) r.pages());
    Traffic sum = Traffic.NONE;
    for (io.syncline.Progress p : events) {
      assertThat(p.pageTraffic().requests()).isEqualTo(1);
      assertThat(p.pageTraffic().wireBytes()).isPositive();
      if (p.pageTraffic().decodedBytes() > 1000) { // not the catch-up pass's empty page
        assertThat(p.pageTraffic().wireBytes()).isLessThan(p.pageTraffic().decodedBytes() / 3);
      }
      sum = sum.plus(p.pageTraffic());
      assertThat(p.traffic()).isEqualTo(sum);
    }
    assertThat(r.traffic()).isEqualTo(sum);
    assertThat(store.state("orders").orElseThrow().lastTraffic()).isEqualTo(sum);
  }

  @Test
  void deflateZlibAndRawBodiesAreDecodedToo() throws Exception {
    String body = "{\"data\":[{\"id\":1,\"name\":\"Ana ✓\"},{\"id\":2,\"name\":\"Bo\"}],\"meta\":{\"has_more\":false}}";
    for (boolean raw : new boolean[] {false, true}) {
      try (LoopbackServer api = LoopbackServer.start("/", ex -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(6, raw))) {
          d.write(body.getBytes(StandardCharsets.UTF_8));
        }
        ex.getResponseHeaders().add("Content-Encoding", "deflate");
        ex.sendResponseHeaders(200, out.size());
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out.toByteArray());
        }
      })) {
        HttpRecordSource source = HttpRecordSource.builder(api.base())
            .endpoint("technicians", Conventions.demoApi("/v1/technicians").noTimestampFilter().build()).build();
        Page page = source.fetch(backfillPage(technicians));
        assertThat(page.records()).extracting(r -> r.json())
            .containsExactly("{\"id\":1,\"name\":\"Ana ✓\"}", "{\"id\":2,\"name\":\"Bo\"}");
        assertThat(page.traffic().decodedBytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
      }
    }
  }

  @Test
  void aCutGzipStreamFailsThePageWithoutStoringIt() {
    putOrders(25);
    // Page 2 (since_id=10) always comes as a complete HTTP response whose gzip stream stops halfway.
    server.intercept(ex -> {
      if (!ex.getRequestURI().getRawQuery().contains("since_id=10")) {
        return false;
      }
      byte[] whole = FieldServiceServer.gzip(("{\"data\":[" + "{\"id\":11,\"updated_at\":\"2026-11-28T10:00:00.000Z\"},"
          .repeat(40) + "{\"id\":12}],\"meta\":{\"has_more\":false}}").getBytes(StandardCharsets.UTF_8));
      sendRaw(ex, "gzip", Arrays.copyOf(whole, whole.length / 2));
      return true;
    });
    InMemoryRecordStore store = new InMemoryRecordStore();

    HttpSourceException e = catchThrowableOfType(() -> engine(builder().build(), store).backfill(orders),
        HttpSourceException.class);

    assertThat(e.resource()).isEqualTo("orders");
    assertThat(e.page()).hasValue(2);
    assertThat(e.getMessage()).contains("gzip stream", "cut or corrupt", "gave up after 3 attempts");
    assertThat(payloads(store, "orders").keySet()).hasSize(10).allMatch(id -> Long.parseLong(id) <= 10);
    assertThat(store.state("orders").orElseThrow().checkpoint().orElseThrow().pages()).isEqualTo(1);
  }

  @Test
  void aGzipBombFailsThePageClearlyWithoutRetryOrStoring() {
    putOrders(5);
    byte[] bomb = FieldServiceServer.gzip(("{\"data\":[" + " ".repeat(20_000_000) + "]}").getBytes(StandardCharsets.UTF_8));
    assertThat(bomb.length).isLessThan(100_000);
    server.intercept(ex -> {
      sendRaw(ex, "gzip", bomb);
      return true;
    });
    InMemoryRecordStore store = new InMemoryRecordStore();

    HttpSourceException e = catchThrowableOfType(
        () -> engine(builder().maxPageBytes(1_000_000).build(), store).backfill(orders), HttpSourceException.class);

    assertThat(e.resource()).isEqualTo("orders");
    assertThat(e.page()).hasValue(1);
    assertThat(e.getMessage()).contains("larger than 1000000 bytes once decoded", bomb.length + " bytes on the wire",
        "compression bomb", "maxPageBytes");
    assertThat(server.requests).hasSize(1);
    assertThat(store.count("orders")).isZero();
  }

  @Test
  void aServerThatCompressesWithAnUnknownCodingFailsThePageNamingIt() {
    putOrders(3);
    server.intercept(ex -> {
      sendRaw(ex, "br", new byte[] {1, 2, 3});
      return true;
    });
    HttpSourceException e = catchThrowableOfType(() -> builder().build().fetch(backfillPage(orders)),
        HttpSourceException.class);
    assertThat(e.getMessage()).contains("Content-Encoding 'br'");
  }

  @Test
  void errorBodiesAreDecodedForTheirExcerpt() {
    server.intercept(ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      byte[] b = FieldServiceServer.gzip("{\"error\":\"per_page must be an integer\"}".getBytes(StandardCharsets.UTF_8));
      ex.sendResponseHeaders(400, b.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
      return true;
    });
    HttpSourceException e = catchThrowableOfType(() -> builder().build().fetch(backfillPage(orders)),
        HttpSourceException.class);
    assertThat(e.getMessage()).contains("per_page must be an integer");
  }

  // ------------------------------------------------------------------ conditional requests

  @Test
  void anUnchangedPollIsOneRequestWithoutBodyAndStoresAndMovesNothing() {
    putOrders(6);
    InMemoryRecordStore store = new InMemoryRecordStore();
    SyncEngine engine = engine(builder().build(), store);
    engine.backfill(orders);
    SyncState before = store.state("orders").orElseThrow();
    assertThat(before.validator()).isPresent();
    List<StoredRecord> recordsBefore = store.all("orders");
    int writesBefore = store.writeCount();
    int requestsBefore = server.requests.size();

    SyncResult poll = engine.incremental(orders);

    assertThat(poll.notModified()).isTrue();
    assertThat(poll.traffic()).isEqualTo(new Traffic(1, 1, 0, 0));
    assertThat(poll.fetched()).isZero();
    assertThat(server.requests).hasSize(requestsBefore + 1);
    assertThat(server.requests.get(requestsBefore).header("If-None-Match")).isEqualTo(before.validator().get().value());
    assertThat(store.all("orders")).isEqualTo(recordsBefore);
    SyncState after = store.state("orders").orElseThrow();
    assertThat(after.cursor()).isEqualTo(before.cursor());
    assertThat(after.validator()).isEqualTo(before.validator());
    assertThat(after.lastTraffic()).isEqualTo(new Traffic(1, 1, 0, 0));
    assertThat(after.lastSuccessAt().get()).isAfterOrEqualTo(before.lastSuccessAt().get());
    assertThat(store.writeCount()).isEqualTo(writesBefore + 1); // the state only, no record

    // A change makes the same conditional request come back whole; the change is stored.
    server.touch("orders", 3, server.now());
    SyncResult changed = engine.incremental(orders);
    assertThat(changed.notModified()).isFalse();
    assertThat(changed.fetched()).isEqualTo(1);
    assertThat(store.find("orders", "3").orElseThrow().json()).contains("\"status\":\"done\"");
    assertThat(store.state("orders").orElseThrow().cursor()).isNotEqualTo(before.cursor());
  }

  @Test
  void aValidatorIsNeverSentWithADifferentRequest() {
    putOrders(6);
    InMemoryRecordStore store = new InMemoryRecordStore();
    SyncEngine engine = engine(builder().build(), store);
    engine.backfill(orders);
    Validator first = store.state("orders").orElseThrow().validator().orElseThrow();
    server.touch("orders", 2, server.now());
    int from = server.requests.size();

    // The first poll repeats the validator's request (and gets the change); the cursor moves with
    // the change, so the second poll's request differs and no If-None-Match goes with it although
    // a validator is stored; the third repeats the second's and is answered 304.
    engine.incremental(orders);
    engine.incremental(orders);
    SyncState second = store.state("orders").orElseThrow();
    SyncResult third = engine.incremental(orders);

    assertThat(server.requests.subList(from, server.requests.size())).extracting(s -> s.header("If-None-Match"))
        .containsExactly(first.value(), null, second.validator().orElseThrow().value());
    assertThat(third.notModified()).isTrue();

    // Straight at the source: the validator of one request never goes with another.
    HttpRecordSource source = builder().build();
    PageRequest a = incrementalPage(orders, Instant.parse("2026-01-01T00:00:00Z"));
    Validator v = source.fetch(a).validator().orElseThrow();
    PageRequest b = incrementalPage(orders, Instant.parse("2026-01-01T00:00:01Z")).withValidator(Optional.of(v));
    int before = server.requests.size();
    assertThat(source.fetch(b).notModified()).isFalse();
    assertThat(builder().compression(false).build().fetch(a.withValidator(Optional.of(v))).notModified()).isFalse();
    assertThat(server.requests.subList(before, server.requests.size()))
        .allSatisfy(s -> assertThat(s.header("If-None-Match")).isNull());
    assertThat(source.fetch(a.withValidator(Optional.of(v))).notModified()).isTrue();
  }

  @Test
  void aListingLongerThanOnePageKeepsNoValidator() {
    putOrders(25);
    InMemoryRecordStore store = new InMemoryRecordStore();
    SyncEngine engine = engine(builder().build(), store);
    Page first = builder().build().fetch(incrementalPage(orders, Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(first.hasMore()).isTrue();
    assertThat(first.validator()).isEmpty();

    SyncResult r = engine.incremental(orders); // a first run: 24 h back, three pages
    assertThat(r.pages()).isEqualTo(3);
    assertThat(store.state("orders").orElseThrow().validator()).isEmpty();
    int from = server.requests.size();
    engine.incremental(orders);
    assertThat(server.requests.get(from).header("If-None-Match")).isNull();
  }

  @Test
  void aLastModifiedYoungerThanASecondBeforeTheResponseIsNoValidator() throws Exception {
    // JDK HttpServer writes its own Date header (the current time): Last-Modified is set relative to it.
    for (int lag : new int[] {-5, 5}) {
      try (LoopbackServer api = LoopbackServer.start("/", ex -> {
        ex.getResponseHeaders().add("Last-Modified", http(Instant.now().minusSeconds(lag)));
        byte[] b = "{\"data\":[{\"id\":1}],\"meta\":{\"has_more\":false}}".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream os = ex.getResponseBody()) {
          os.write(b);
        }
      })) {
        HttpRecordSource source = HttpRecordSource.builder(api.base())
            .endpoint("technicians", Conventions.demoApi("/v1/technicians").noTimestampFilter().build()).build();
        Page page = source.fetch(new PageRequest(technicians, SyncMode.INCREMENTAL, PageRequest.Order.ID,
            Optional.of(new Cursor.IdOnly("0")), Optional.empty(), Optional.empty(), 1));
        assertThat(page.validator().map(Validator::kind))
            .isEqualTo(lag < 0 ? Optional.empty() : Optional.of(Validator.Kind.LAST_MODIFIED));
      }
    }
  }

  // ------------------------------------------------------------------ user agent

  @Test
  void theUserAgentNamesTheApplicationAndSynclinesVersion() {
    putOrders(1);
    builder().build().fetch(backfillPage(orders));
    builder().userAgent("acme-sync/2.1 (ops@acme.example)").build().fetch(backfillPage(orders));

    assertThat(SynclineVersion.current()).isNotEqualTo("unknown").doesNotContain("${");
    assertThat(server.requests).extracting(s -> s.header("User-Agent")).containsExactly(
        "syncline/" + SynclineVersion.current(),
        "acme-sync/2.1 (ops@acme.example) syncline/" + SynclineVersion.current());
  }

  // ------------------------------------------------------------------ helpers

  private static PageRequest backfillPage(Resource r) {
    return new PageRequest(r, SyncMode.BACKFILL, PageRequest.Order.ID, Optional.empty(), Optional.empty(),
        Optional.empty(), 1);
  }

  private static PageRequest incrementalPage(Resource r, Instant since) {
    return new PageRequest(r, SyncMode.INCREMENTAL, PageRequest.Order.UPDATED_AT_THEN_ID,
        Optional.of(Cursor.Timestamped.atOrAfter(since)), Optional.empty(), Optional.empty(), 1);
  }

  private static String http(Instant at) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC));
  }

  private static void sendRaw(HttpExchange ex, String coding, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.getResponseHeaders().add("Content-Encoding", coding);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }
}
