package io.syncline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.syncline.InvalidRecordException;
import io.syncline.InvalidRecords;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import io.syncline.spi.RejectedRecord;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.InMemoryRecordStore;
import io.syncline.testing.MutableClock;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 7 (a record without its id blocks the resource): over a loopback server, a page
 * holding records the resource cannot use next to good ones. With
 * {@link InvalidRecords#SET_ASIDE} the good records are stored and each bad entry is set aside
 * with its exact text, resource, page, field and reason; with the default the page fails naming
 * resource, page and field, never the record's content. A malformed body is not a record problem:
 * it fails as before whatever the policy.
 */
class SetAsideRecordsTest {
  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
  private static final String NO_ID = "{\"name\": \"no id\",  \"api_token\": \"tok-s3cr3t\", \"updated_at\": \"2026-11-28T09:00:01Z\"}";
  private static final String BAD_TIME = "{\"id\":4,\"updated_at\":\"yesterday-ish\",\"api_token\":\"tok-s3cr3t\"}";
  private static final String NOT_AN_OBJECT = "[\"tok-s3cr3t\", 1]";
  private static final String PAGE = "{\"data\":["
      + "{\"id\":1,\"updated_at\":\"2026-11-28T09:00:00Z\"},"
      + NO_ID + ","
      + "{\"id\":2,\"updated_at\":\"2026-11-28T09:00:02Z\"},"
      + BAD_TIME + ","
      + NOT_AN_OBJECT + ","
      + "{\"id\":3,\"updated_at\":\"2026-11-28T09:00:03Z\"}"
      + "],\"meta\":{\"has_more\":false}}";

  private final MutableClock clock = new MutableClock(T);
  private final InMemoryRecordStore store = new InMemoryRecordStore();
  private final AtomicInteger requests = new AtomicInteger();

  private LoopbackServer serve(String body) {
    return LoopbackServer.start("/items", ex -> {
      requests.incrementAndGet();
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    });
  }

  private SyncEngine engine(LoopbackServer server, Resource items) {
    HttpRecordSource source = HttpRecordSource.builder(server.base()).clock(clock)
        .sleeper(new RecordingSleeper(clock)).endpoint("items", Conventions.demoApi("/items").build()).build();
    return SyncEngine.builder(source, store).resource(items).clock(clock).build();
  }

  private static Resource items(InvalidRecords policy) {
    return Resource.builder("items").cursorField("updated_at").invalidRecords(policy).build();
  }

  @Test
  void withSetAsideTheGoodRecordsAreStoredAndEachBadEntryIsSetAsideExactly() {
    try (LoopbackServer server = serve(PAGE)) {
      Resource items = items(InvalidRecords.SET_ASIDE);

      SyncResult result = engine(server, items).incremental(items);

      assertThat(result.succeeded()).isTrue();
      assertThat(result.inserted()).isEqualTo(3);
      assertThat(result.rejected()).isEqualTo(3);
      assertThat(store.all("items")).extracting(StoredRecord::id).containsExactly("1", "2", "3");
      List<RejectedRecord> aside = store.rejected("items", 10);
      assertThat(aside).extracting(RejectedRecord::payload).containsExactly(NO_ID, BAD_TIME, NOT_AN_OBJECT);
      assertThat(aside).extracting(RejectedRecord::field).containsExactly("id", "updated_at", "record");
      assertThat(aside).extracting(RejectedRecord::id).containsExactly(java.util.Optional.empty(),
          java.util.Optional.of("4"), java.util.Optional.empty());
      assertThat(aside).allSatisfy(r -> {
        assertThat(r.resource()).isEqualTo("items");
        assertThat(r.page()).isEqualTo(1);
        assertThat(r.rejectedAt()).contains(T);
        assertThat(r.reason()).doesNotContain("tok-s3cr3t");
      });
      assertThat(aside.get(0).reason()).contains("record 2", "no id");
      assertThat(aside.get(1).reason()).contains("unparsable timestamp");
      assertThat(aside.get(2).reason()).contains("record 5", "not a JSON object");
      assertThat(store.state("items").flatMap(s -> s.cursor()).orElseThrow().encode()).contains("3");
    }
  }

  @Test
  void byDefaultThePageFailsNamingResourcePageAndFieldButNotTheRecord() {
    try (LoopbackServer server = serve(PAGE)) {
      Resource items = items(InvalidRecords.FAIL);

      InvalidRecordException e = catchThrowableOfType(() -> engine(server, items).incremental(items),
          InvalidRecordException.class);

      assertThat(e.getMessage()).contains("'items'", "page 1", "'id'", "record 2").doesNotContain("tok-s3cr3t");
      assertThat(e.field()).isEqualTo("id");
      assertThat(store.all("items")).isEmpty();
      assertThat(store.countRejected("items")).isZero();
      assertThat(store.state("items").flatMap(s -> s.cursor())).isEmpty();
    }
  }

  @Test
  void entriesSetAsideCountAsPositionsSoOffsetPagingNeitherEndsEarlyNorSkipsRecords() {
    List<String> listing = List.of("{\"id\":1}", "{\"name\":\"no id\"}", "{\"id\":2}", "{\"id\":3}",
        "\"not an object\"", "{\"id\":4}", "{\"id\":5}", "{\"id\":6}");
    try (LoopbackServer server = LoopbackServer.start("/things", ex -> {
      requests.incrementAndGet();
      java.util.Map<String, String> q = new java.util.HashMap<>();
      for (String kv : java.util.Optional.ofNullable(ex.getRequestURI().getQuery()).orElse("").split("&")) {
        String[] p = kv.split("=", 2);
        q.put(p[0], p.length > 1 ? p[1] : "");
      }
      int skip = Integer.parseInt(q.getOrDefault("skip", "0"));
      int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
      String items = String.join(",", listing.subList(Math.min(skip, listing.size()),
          Math.min(skip + limit, listing.size())));
      byte[] b = ("{\"items\":[" + items + "]}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    })) {
      Resource things = Resource.builder("things").noCursorField().pageSize(3)
          .invalidRecords(InvalidRecords.SET_ASIDE).build();
      Endpoint endpoint = Endpoint.builder("/things").records("/items").paginator(Paginator.offset("skip"))
          .pageSize("limit", 100).noHasMore().noTotal().noTimestampFilter().noIdFilter().noSort().build();
      HttpRecordSource source = HttpRecordSource.builder(server.base()).clock(clock)
          .sleeper(new RecordingSleeper(clock)).endpoint("things", endpoint).build();
      SyncEngine engine = SyncEngine.builder(source, store).resource(things).clock(clock).build();

      SyncResult result = engine.backfill(things);

      assertThat(store.all("things")).extracting(StoredRecord::id).containsExactly("1", "2", "3", "4", "5", "6");
      // the backfill's pass and its catch-up pass both read the two bad entries: kept once each
      assertThat(result.rejected()).isEqualTo(4);
      assertThat(store.countRejected("things")).isEqualTo(2);
      assertThat(store.rejected("things", 10)).extracting(RejectedRecord::page).containsExactly(1L, 2L);
    }
  }

  @Test
  void aMalformedBodyIsNotARecordProblemAndStillFailsAfterItsRetries() {
    try (LoopbackServer server = serve("{\"data\":[{\"id\":1,\"updated_at\" \"2026-11-28T09:00:00Z\"}],\"meta\":{}}")) {
      Resource items = items(InvalidRecords.SET_ASIDE);

      InvalidRecordException e = catchThrowableOfType(() -> engine(server, items).incremental(items),
          InvalidRecordException.class);

      assertThat(e.field()).isEqualTo("body");
      assertThat(e.getMessage()).contains("'items'", "page 1", "malformed JSON");
      assertThat(requests.get()).isGreaterThan(1);
      assertThat(store.countRejected("items")).isZero();
      assertThat(store.all("items")).isEmpty();
    }
  }
}
